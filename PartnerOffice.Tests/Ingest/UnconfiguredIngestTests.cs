using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerOffice.Alerts;
using PartnerOffice.Ingest;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>
/// A portal without a marketplace (the demo): the ingest is on the Schedules page all the same, and its fires complete
/// at once saying why they did nothing, without failing or alerting.
/// </summary>
public sealed class UnconfiguredIngestTests : IAsyncLifetime
{
    private readonly RecordedAlerts alerts = new();
    private readonly CapturedLogs logs = new();
    private PortalHost portal = default!;

    public async Task InitializeAsync() => portal = await PortalHost.StartAsync(builder =>
    {
        builder.Services.AddSingleton<IAlertSender>(alerts);
        builder.Configuration["Logging:LogLevel:PartnerOffice.Ingest"] = "Information";
        // The declared default, which the portal host otherwise moves out of the way.
        builder.Configuration["PartnerOffice:Ingest:Cron"] = IngestOptions.DefaultCron;
        builder.Logging.AddProvider(logs);
    });

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task The_ingest_schedule_is_listed_with_its_cron_and_zone()
    {
        var schedules = await portal.Services.GetRequiredService<IScheduleOperator>().ListAsync();

        var ingest = Assert.Single(schedules, s => s.Schedule.JobName == MarketplaceIngestJob.JobName).Schedule;
        Assert.Equal((IngestOptions.DefaultCron, "Asia/Seoul", false), (ingest.CronExpression, ingest.TimeZone, ingest.Paused));
        Assert.NotNull(ingest.NextFireAt);
    }

    [Fact]
    public async Task A_fire_completes_at_once_saying_the_marketplace_is_not_configured_logs_it_and_alerts_nobody()
    {
        var fired = await portal.Services.GetRequiredService<IScheduleOperator>().TriggerAsync(MarketplaceIngestJob.JobName);

        var ended = await portal.WaitForJobAsync(fired.Execution!.Id, JobStatus.Completed, JobStatus.Failed);
        Assert.Equal(JobStatus.Completed, ended.Status);
        Assert.Null(ended.Error);
        Assert.Equal(MarketplaceIngestJob.NotConfiguredDescription, ended.ExitDescription);
        Assert.Contains("the marketplace is not configured", ended.ExitDescription);
        var log = await portal.Services.GetRequiredService<IJobOperator>().GetLogAsync(ended.Id);
        Assert.Contains(log, l => l.Level == LogLevel.Information && l.Message == MarketplaceIngestJob.NotConfiguredDescription);
        Assert.Contains(logs.Lines, l => l.Category == typeof(MarketplaceIngestJob).FullName && l.Level == LogLevel.Information
                                         && l.Message.Contains(MarketplaceIngestJob.NotConfiguredDescription));
        Assert.Empty(alerts.Sent);
        Assert.Empty(await portal.StoredOrdersAsync());
    }
}
