using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Data;
using PartnerOffice.Ingest;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>The portal's side of the ingest tests: runs of the ingest job, and what they stored.</summary>
public static class IngestPortal
{
    private static long runs;

    /// <summary>Launches the ingest job (as a schedule fire would: a new instance each time) and waits for its end.</summary>
    public static async Task<JobExecution> RunIngestAsync(this PortalHost portal)
    {
        var queued = await portal.Services.GetRequiredService<IJobLauncher>().EnqueueAsync(MarketplaceIngestJob.JobName,
            JobParameters.Empty.With("run", Interlocked.Increment(ref runs)));
        return await portal.WaitForJobAsync(queued.Id, JobStatus.Completed, JobStatus.Failed);
    }

    public static async Task<List<MarketplaceOrder>> StoredOrdersAsync(this PortalHost portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        return await db.MarketplaceOrders.OrderBy(o => o.PlacedAt).ToListAsync();
    }

    public static async Task<List<InvoiceFollowUp>> FollowUpsAsync(this PortalHost portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        return await db.InvoiceFollowUps.Include(f => f.Order).OrderBy(f => f.Id).ToListAsync();
    }

    /// <summary>Stores orders with their pending follow-ups, as an ingest run would, at the portal's present time.</summary>
    public static Task AddFollowUpsAsync(this PortalHost portal, params string[] orderIds) => portal.AddFollowUpsAsync(FollowUpStatus.Pending, orderIds);

    /// <summary>Stores orders with follow-ups in the given status (a failed one with the error the invoice service gave).</summary>
    public static async Task AddFollowUpsAsync(this PortalHost portal, FollowUpStatus status, params string[] orderIds)
    {
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        foreach (var id in orderIds)
        {
            var order = new MarketplaceOrder { ExternalId = id, SellerCode = "HANBIT", PlacedAt = now, BuyerName = "김민준", Amount = 12_000, Status = "Paid", ReceivedAt = now, UpdatedAt = now };
            db.InvoiceFollowUps.Add(new InvoiceFollowUp
            {
                Order = order, Status = status, CreatedAt = now, NextAttemptAt = now,
                FirstFailedAt = status == FollowUpStatus.Failed ? now.AddMinutes(-10) : null,
                LastError = status == FollowUpStatus.Failed ? "The invoice service answered 503 Service Unavailable." : null,
                Attempts = status == FollowUpStatus.Failed ? 10 : 0,
            });
        }
        await db.SaveChangesAsync();
    }
}
