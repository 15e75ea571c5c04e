using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Ingest;

/// <summary>
/// Reads the feed from the watermark — the newest order already stored — page by page. The watermark is read once,
/// when the step starts: what a failed run stored stays stored, so the next fire carries on after it.
/// </summary>
public sealed class FeedOrderReader(MarketplaceFeedClient feed, IDbContextFactory<PartnerOfficeDbContext> databases, int pageSize) : IItemReader<FeedOrder>
{
    private readonly Queue<FeedOrder> page = new();
    private FeedPosition? position;
    private bool started;
    private bool exhausted;

    public async Task<FeedOrder?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!started)
        {
            position = await WatermarkAsync(databases, cancellationToken);
            started = true;
        }
        while (page.Count == 0 && !exhausted)
        {
            var next = await feed.GetPageAsync(position, pageSize, cancellationToken);
            foreach (var order in next.Orders) page.Enqueue(order);
            var last = next.Orders.Count > 0 ? new FeedPosition(next.Orders[^1].PlacedAt, next.Orders[^1].OrderId) : null;
            // A page that ends where the last one did would be asked for for ever: the run ends there, the next fire asks again.
            exhausted = !next.HasMore || last is null || !IsAfter(last, position);
            position = last ?? position;
        }
        return page.TryDequeue(out var item) ? item : null;
    }

    private static bool IsAfter(FeedPosition next, FeedPosition? previous) =>
        previous is null || next.PlacedAt > previous.PlacedAt || next.PlacedAt == previous.PlacedAt && string.CompareOrdinal(next.OrderId, previous.OrderId) > 0;

    /// <summary>The newest stored order in the feed's order (time, then id); null before the first one.</summary>
    public static async Task<FeedPosition?> WatermarkAsync(IDbContextFactory<PartnerOfficeDbContext> databases, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.MarketplaceOrders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.ExternalId)
            .Select(o => new FeedPosition(o.PlacedAt, o.ExternalId)).FirstOrDefaultAsync(cancellationToken);
    }
}
