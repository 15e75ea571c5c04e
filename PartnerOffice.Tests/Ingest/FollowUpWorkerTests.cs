using Microsoft.AspNetCore.Http;
using PartnerOffice.Jobs;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>The portal's own follow-up worker: woken by an ingest run, it calls the invoice service for each new order, a bounded number at once.</summary>
public sealed class FollowUpWorkerTests
{
    [Fact]
    public async Task An_ingest_run_wakes_the_worker_which_calls_for_every_new_order_at_most_two_at_once()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        var twoArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bed = await MarketplacePortal.StartAsync(followUpConcurrency: 2);
        var (marketplace, portal) = (bed.Marketplace, bed.Portal);
        marketplace.Invoices = _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            if (now == 2) twoArrived.TrySetResult();
            // Each call waits until two are in flight: a third at once would be seen here.
            twoArrived.Task.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref inFlight);
            return StatusCodes.Status200OK;
        };
        marketplace.Publish(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), "MK-1", "MK-2", "MK-3");

        Assert.Equal(JobStatus.Completed, (await portal.RunIngestAsync()).Status);

        var called = new List<string>();
        while (called.Count < 4) called.Add((await marketplace.NextRequestAsync()).PathAndQuery);
        Assert.Equal(3, called.Count(path => path == "/v1/invoices"));
        Assert.True(mostInFlight <= 2, $"{mostInFlight} calls ran at once");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
