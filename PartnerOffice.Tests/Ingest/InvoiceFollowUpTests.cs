using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Alerts;
using PartnerOffice.Ingest;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>
/// Invoice follow-ups on a manual clock against a loopback invoice service. No background worker runs here: each test
/// makes a worker take what is due (<see cref="InvoiceFollowUpWorker.RunDueAsync"/>) when it has moved the clock.
/// </summary>
public sealed class InvoiceFollowUpTests : IAsyncLifetime
{
    // A Saturday: the ingest schedule stays quiet however far the clock moves.
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 1, 10, 3, 0, 0, TimeSpan.Zero));
    private readonly RecordedAlerts alerts = new();
    private MarketplacePortal bed = default!;

    public async Task InitializeAsync() => bed = await MarketplacePortal.StartAsync(configure: builder =>
    {
        builder.Configuration["PartnerOffice:Jobs:ScheduleCheckInterval"] = "30.00:00:00";
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IAlertSender>(alerts);
    });

    public Task DisposeAsync() => bed.DisposeAsync().AsTask();

    private FakeMarketplace marketplace => bed.Marketplace;

    private PortalHost portal => bed.Portal;

    private InvoiceFollowUpWorker Worker => portal.Services.GetRequiredService<InvoiceFollowUpWorker>();

    private InvoiceFollowUps FollowUps => portal.Services.GetRequiredService<InvoiceFollowUps>();

    private async Task<InvoiceFollowUp> OnlyFollowUpAsync() => Assert.Single(await portal.FollowUpsAsync());

    [Fact]
    public async Task A_failing_call_is_retried_with_doubling_delays_until_10_minutes_after_its_first_failure_then_failed_and_alerted()
    {
        marketplace.Invoices = _ => StatusCodes.Status503ServiceUnavailable;
        await portal.AddFollowUpsAsync("MK-1");
        var start = clock.GetUtcNow();

        var attemptsAt = new List<TimeSpan>();
        while ((await OnlyFollowUpAsync()) is { Status: not FollowUpStatus.Failed } followUp)
        {
            clock.Advance(followUp.NextAttemptAt - clock.GetUtcNow().UtcDateTime);
            Assert.Equal(1, await Worker.RunDueAsync(5));
            attemptsAt.Add(clock.GetUtcNow() - start);
            // Not due again until its next attempt.
            Assert.Equal(0, await Worker.RunDueAsync(5));
        }

        // 5 s doubling to at most 2 min; the last attempt at the end of the window, which it may not pass.
        Assert.Equal(new[] { 0, 5, 15, 35, 75, 155, 275, 395, 515, 600 }.Select(s => TimeSpan.FromSeconds(s)), attemptsAt);
        var failed = await OnlyFollowUpAsync();
        Assert.Equal((10, start.UtcDateTime), (failed.Attempts, failed.FirstFailedAt));
        Assert.Contains("503", failed.LastError);
        var alert = Assert.Single(alerts.Sent);
        Assert.Contains("MK-1", alert.Title);
        Assert.Equal("/ingest", alert.Link?.OriginalString);

        // An operator retries it once the service is back: a new window, and done.
        marketplace.Invoices = _ => StatusCodes.Status200OK;
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await FollowUps.RetryAsync(failed.Id));
        Assert.False(await FollowUps.RetryAsync(failed.Id));
        Assert.Equal(1, await Worker.RunDueAsync(5));
        Assert.Equal((FollowUpStatus.Done, "INV-MK-1"), ((await OnlyFollowUpAsync()).Status, (await OnlyFollowUpAsync()).InvoiceNumber));
        Assert.Single(alerts.Sent);
    }

    [Fact]
    public async Task A_call_that_succeeds_on_a_retry_is_done_with_its_invoice_and_no_alert()
    {
        var calls = 0;
        marketplace.Invoices = _ => Interlocked.Increment(ref calls) <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        await portal.AddFollowUpsAsync("MK-1");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            clock.Advance((await OnlyFollowUpAsync()).NextAttemptAt - clock.GetUtcNow().UtcDateTime);
            Assert.Equal(1, await Worker.RunDueAsync(5));
        }

        var done = await OnlyFollowUpAsync();
        Assert.Equal((FollowUpStatus.Done, 3, "INV-MK-1", (string?)null), (done.Status, done.Attempts, done.InvoiceNumber, done.LastError));
        Assert.Empty(alerts.Sent);
    }

    [Fact]
    public async Task A_follow_up_left_by_a_process_that_died_is_taken_over_once_its_lease_expires_and_never_run_twice()
    {
        await portal.AddFollowUpsAsync("MK-1");
        // A worker claims it and its process dies before the call ends.
        var abandoned = Assert.Single(await FollowUps.ClaimDueAsync("node-a/4242/dead", 5, CancellationToken.None));

        // The worker of the restarted process (a new one, another owner).
        var restarted = ActivatorUtilities.CreateInstance<InvoiceFollowUpWorker>(portal.Services);
        Assert.NotEqual(Worker.Id, restarted.Id);
        Assert.Equal(0, await restarted.RunDueAsync(5));
        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await restarted.RunDueAsync(5));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await restarted.RunDueAsync(5));

        Assert.Equal(FollowUpStatus.Done, (await OnlyFollowUpAsync()).Status);
        Assert.Single(marketplace.InvoiceCalls);
        // The dead worker's late answer changes nothing.
        Assert.False(await FollowUps.CompleteAsync(abandoned, "node-a/4242/dead", "INV-LATE", CancellationToken.None));
        Assert.Equal("INV-MK-1", (await OnlyFollowUpAsync()).InvoiceNumber);
    }

    [Fact]
    public async Task Two_workers_claiming_at_once_split_the_due_follow_ups_between_them()
    {
        await portal.AddFollowUpsAsync("MK-1", "MK-2", "MK-3", "MK-4");
        var other = ActivatorUtilities.CreateInstance<InvoiceFollowUpWorker>(portal.Services);

        var counts = await Task.WhenAll(Worker.RunDueAsync(3), other.RunDueAsync(3));

        Assert.Equal(4, counts.Sum());
        Assert.Equal(4, marketplace.InvoiceCalls.Select(c => c.Body).Distinct().Count());
        Assert.Equal(4, marketplace.InvoiceCalls.Count());
        Assert.All(await portal.FollowUpsAsync(), f => Assert.Equal(FollowUpStatus.Done, f.Status));
    }
}
