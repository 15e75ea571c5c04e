using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Ingest;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>
/// Follow-ups outlive the portal: one stopped in the middle of an invoice call gives its claims back, and the next
/// portal on the same database (the restarted process, or another node) resumes every pending one at once.
/// </summary>
public sealed class FollowUpRestartTests : IDisposable
{
    private readonly TempDirectory data = new();

    private Action<WebApplicationBuilder> SameDatabase(FakeMarketplace marketplace, int followUpConcurrency) => builder =>
    {
        builder.Configuration["PartnerOffice:DataDirectory"] = data.Path;
        builder.Configuration["PartnerOffice:Ingest:BaseUrl"] = marketplace.BaseAddress.ToString();
        builder.Configuration["PartnerOffice:Ingest:Cron"] = PortalHost.NeverInATest;
        builder.Configuration["PartnerOffice:Ingest:FollowUpConcurrency"] = followUpConcurrency.ToString();
    };

    [Fact]
    public async Task A_portal_stopped_mid_call_gives_its_follow_ups_back_and_the_restarted_one_runs_every_pending_one_once()
    {
        await using var marketplace = await FakeMarketplace.StartAsync();
        var firstCallArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        marketplace.Invoices = _ =>
        {
            // The first process's call never gets its answer: it is stopped while waiting.
            firstCallArrived.TrySetResult();
            release.Task.Wait(TimeSpan.FromSeconds(30));
            return StatusCodes.Status503ServiceUnavailable;
        };
        try
        {
            var first = await PortalHost.StartAsync(SameDatabase(marketplace, followUpConcurrency: 1));
            await first.AddFollowUpsAsync("MK-R1", "MK-R2");
            first.Services.GetRequiredService<InvoiceFollowUpWorker>().Wake();
            await firstCallArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await first.DisposeAsync();

            marketplace.Invoices = _ => StatusCodes.Status200OK;
            await using var restarted = await PortalHost.StartAsync(SameDatabase(marketplace, followUpConcurrency: 0));
            var stored = await restarted.FollowUpsAsync();
            Assert.Equal([(FollowUpStatus.Pending, (string?)null), (FollowUpStatus.Pending, null)], stored.Select(f => (f.Status, f.LeaseOwner)));

            // Its worker, driven by the test: both are due now, the stopped process's claim included, without waiting for a lease.
            var worker = ActivatorUtilities.CreateInstance<InvoiceFollowUpWorker>(restarted.Services);
            Assert.Equal(2, await worker.RunDueAsync(5));

            var resumed = await restarted.FollowUpsAsync();
            Assert.All(resumed, f => Assert.Equal(FollowUpStatus.Done, f.Status));
            Assert.Equal(["INV-MK-R1", "INV-MK-R2"], resumed.Select(f => f.InvoiceNumber));
            Assert.Equal(0, await worker.RunDueAsync(5));
        }
        finally
        {
            release.TrySetResult();
        }
    }

    public void Dispose() => data.Dispose();
}
