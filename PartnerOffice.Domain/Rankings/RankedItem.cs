namespace PartnerOffice.Rankings;

/// <summary>One item's place in a ranking: its score (see docs/rankings.md) and the raw votes behind it.</summary>
public sealed record RankedItem(int Rank, long ItemId, double Score, long Votes)
{
    /// <summary>
    /// The one order of every ranking, wherever it is computed or read back: score, then raw votes, highest first, then
    /// the lower item id, so that ties rank the same in a file, the database and Redis.
    /// </summary>
    public static IReadOnlyList<RankedItem> Ranked(IEnumerable<(long ItemId, double Score, long Votes)> items) => items
        .OrderByDescending(i => i.Score).ThenByDescending(i => i.Votes).ThenBy(i => i.ItemId)
        .Select((i, index) => new RankedItem(index + 1, i.ItemId, i.Score, i.Votes))
        .ToList();
}

/// <summary>The rankings a store keeps per event: the global one and each region's own.</summary>
public static class RankingScope
{
    public const string Global = "global";
}
