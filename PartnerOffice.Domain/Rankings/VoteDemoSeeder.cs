using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;

namespace PartnerOffice.Rankings;

/// <summary>
/// Demo votes for one global event: regions of very different sizes (KR casts about a hundred times NA's votes) with
/// tastes of their own, so that the normalised global ranking visibly differs from a plain sum of votes.
/// </summary>
public static class VoteDemoSeeder
{
    public const string DemoEvent = "2026-winter-awards";

    /// <summary>Votes per region, and the items the region likes most (three votes in four go to them).</summary>
    private static readonly (string Region, int Votes, long[] Favourites)[] Regions =
    [
        ("KR", 12_000, [1, 2, 3]),
        ("JP", 4_000, [4, 5, 1]),
        ("TW", 800, [6, 4, 7]),
        ("NA", 120, [8, 9, 6]),
    ];

    private const int Items = 12;

    public static async Task<int> SeedAsync(IDbContextFactory<PartnerOfficeDbContext> contexts, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Votes.AnyAsync(cancellationToken)) return 0;
        var random = new Random(20261202);
        var votes = new List<Vote>();
        foreach (var (region, count, favourites) in Regions)
            for (var i = 0; i < count; i++)
            {
                var item = random.Next(4) == 0 ? random.Next(1, Items + 1) : favourites[random.Next(favourites.Length)];
                // Voters vote once a day at most, so a region's voters are fewer than its votes.
                votes.Add(new Vote
                {
                    EventId = DemoEvent, Region = region, ItemId = item, VoterId = random.Next(1, count / 2 + 2),
                    VotedAt = now.AddMinutes(-random.Next(0, 60 * 24 * 7)),
                });
            }
        db.Votes.AddRange(votes);
        await db.SaveChangesAsync(cancellationToken);
        return votes.Count;
    }
}
