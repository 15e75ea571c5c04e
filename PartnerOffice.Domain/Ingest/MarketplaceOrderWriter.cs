using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Ingest;

/// <summary>
/// Upserts a chunk of feed orders by their marketplace id, in the chunk's transaction: a known order is updated, a new
/// one is added with its pending invoice follow-up, so an order is never stored twice nor without its follow-up.
/// </summary>
public sealed class MarketplaceOrderWriter(IDbContextFactory<PartnerOfficeDbContext> databases, TimeProvider time) : IItemWriter<FeedOrder>
{
    public async Task WriteAsync(Chunk<FeedOrder> chunk, CancellationToken cancellationToken)
    {
        await using var db = await chunk.Transaction.EnlistAsync(await databases.CreateDbContextAsync(cancellationToken), cancellationToken);
        // A page may repeat an order the marketplace changed while it was being read: its last version wins.
        var latest = chunk.Items.GroupBy(o => o.OrderId).Select(g => g.Last()).ToList();
        var ids = latest.Select(o => o.OrderId).ToList();
        var stored = await db.MarketplaceOrders.Where(o => ids.Contains(o.ExternalId)).ToDictionaryAsync(o => o.ExternalId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var item in latest)
        {
            if (stored.TryGetValue(item.OrderId, out var order))
            {
                if (order.Status == item.Status && order.Amount == item.Amount && order.BuyerName == item.BuyerName && order.SellerCode == item.SellerCode
                    && order.PlacedAt == item.PlacedAt) continue;
                (order.Status, order.Amount, order.BuyerName, order.SellerCode, order.PlacedAt, order.UpdatedAt) =
                    (item.Status, item.Amount, item.BuyerName, item.SellerCode, item.PlacedAt, now);
                continue;
            }
            order = new MarketplaceOrder
            {
                ExternalId = item.OrderId,
                SellerCode = item.SellerCode,
                PlacedAt = item.PlacedAt,
                BuyerName = item.BuyerName,
                Amount = item.Amount,
                Status = item.Status,
                ReceivedAt = now,
                UpdatedAt = now,
            };
            db.MarketplaceOrders.Add(order);
            db.InvoiceFollowUps.Add(new InvoiceFollowUp { Order = order, Status = FollowUpStatus.Pending, CreatedAt = now, NextAttemptAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
