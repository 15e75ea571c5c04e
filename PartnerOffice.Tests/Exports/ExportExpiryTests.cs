using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>Files expire after the retention period: the cleanup deletes them and the history says Expired.</summary>
public sealed class ExportExpiryTests : IAsyncLifetime
{
    // Half past an hour: the hourly cleanup schedule's next fire is 30 minutes away.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour).AddMinutes(30), TimeSpan.Zero));
    private PortalHost _portal = default!;

    public async Task InitializeAsync() => _portal = await PortalHost.StartAsync(configure: builder =>
    {
        builder.Configuration["PartnerOffice:Exports:RetentionDays"] = "7";
        // The scheduler sleeps until the next fire time, never until a check in between.
        builder.Configuration["PartnerOffice:Jobs:ScheduleCheckInterval"] = "30.00:00:00";
        // Every other schedule fires on the hour here, so the scheduler's next wake stays the cleanup's.
        foreach (var cron in new[] { "PushCron", "AggregateCron", "PullCron" }) builder.Configuration[$"PartnerOffice:Rankings:{cron}"] = "0 0 * * * ?";
        builder.Configuration["PartnerOffice:Ingest:Cron"] = "0 0 * * * ?";
        // The audit's daily retention fires at 03:40 by default: a run in that hour would wake the scheduler at :40.
        builder.Configuration["PartnerOffice:Audit:RetentionCron"] = "0 0 * * * ?";
        builder.Configuration["PartnerOffice:MemberReview:Cron"] = "0 0 * * * ?";
        builder.Services.AddSingleton<TimeProvider>(_clock);
    });

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task After_the_retention_period_the_file_is_deleted_and_downloads_answer_410()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Kim));
        var id = (await _portal.RequestExportAndWaitAsync(client, """{"dataset":"products","format":"csv"}""")).GetProperty("id").GetInt64();
        var files = Path.Combine(_portal.DataDirectory, "files");
        Assert.Single(Directory.GetFiles(files, "*", SearchOption.AllDirectories));

        var export = await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal(_clock.GetUtcNow().AddDays(7).UtcDateTime, export.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));

        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await _portal.Services.GetRequiredService<ExportService>().DeleteExpiredFilesAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/api/exports/{id}/file?reason=test")).StatusCode);
        await _portal.Services.GetRequiredService<ExportService>().DeleteExpiredFilesAsync();
        Assert.Empty(Directory.GetFiles(files, "*", SearchOption.AllDirectories));
        Assert.Equal("Expired", (await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_hourly_cleanup_schedule_deletes_the_file_at_the_first_hour_after_it_expired()
    {
        var client = _portal.CreateTokenClient(await _portal.CreateTokenAsync(PortalHost.Kim));
        var id = (await _portal.RequestExportAndWaitAsync(client, """{"dataset":"products","format":"csv"}""")).GetProperty("id").GetInt64();
        var files = Path.Combine(_portal.DataDirectory, "files");
        await _clock.WaitForTimerAsync(due => due == TimeSpan.FromMinutes(30));

        // Down until the hour before the file expires (at half past): the missed fires run once, and keep the file.
        var cleanup = NextCleanupAsync();
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(30));
        await cleanup;
        Assert.Single(Directory.GetFiles(files, "*", SearchOption.AllDirectories));

        await _clock.WaitForTimerAsync(due => due == TimeSpan.FromHours(1));
        cleanup = NextCleanupAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        await cleanup;
        Assert.Empty(Directory.GetFiles(files, "*", SearchOption.AllDirectories));
        Assert.Equal("Expired", (await client.GetFromJsonAsync<JsonElement>($"/api/exports/{id}")).GetProperty("status").GetString());
    }

    /// <summary>Completes when the next run of the cleanup job has completed.</summary>
    private Task NextCleanupAsync()
    {
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = _portal.Services.GetRequiredService<IJobEvents>().Subscribe(e =>
        {
            if (e.JobName == ExportCleanupJob.Name && e.Kind == JobEventKind.StatusChanged && e.Status == JobStatus.Completed) completed.TrySetResult();
        });
        // A guard against a hung test, not a wait that makes it pass.
        return completed.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => { subscription.Dispose(); return t; }).Unwrap();
    }
}
