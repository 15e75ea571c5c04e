using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PartnerOffice.App.Hosting;
using PartnerOffice.Jobs;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>The portal's data folder on a small filesystem that an export fills up.</summary>
public sealed class FullDiskTests
{
    [Fact]
    public async Task An_export_that_fills_the_disk_fails_saying_so_removes_its_parts_the_portal_keeps_serving_and_works_again_once_space_is_freed()
    {
        using var disk = SmallFilesystem.Mount(megabytes: 48);
        var logs = new CapturedLogs();
        await using var portal = await PortalHost.StartAsync(configure: builder =>
        {
            builder.Configuration[$"{PartnerOfficeOptions.Section}:DataDirectory"] = disk.Path;
            builder.Configuration[$"{PartnerOfficeOptions.Section}:MinFreeDiskMegabytes"] = "16";
            builder.Logging.AddProvider(logs);
        }, orders: 40_000);
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        // HANBIT's 24,000 orders as JSON take a few megabytes, in parts and merged; half a megabyte is left.
        disk.FillLeaving(512 * 1024);

        var (id, executionId) = await portal.RequestExportAsync(kim, """{"dataset":"orders","format":"json"}""");
        var ended = await portal.WaitForJobAsync(executionId, JobStatus.Failed, JobStatus.Completed, JobStatus.Cancelled);

        Assert.Equal(JobStatus.Failed, ended.Status);
        var export = await kim.GetFromJsonAsync<JsonElement>($"/api/exports/{id}");
        Assert.Equal("Failed", export.GetProperty("status").GetString());
        var error = export.GetProperty("error").GetString()!;
        Assert.Equal("DiskFull", export.GetProperty("failure").GetString());
        Assert.Contains("not have enough disk space", error);
        Assert.DoesNotContain(disk.Path, error);
        Assert.DoesNotContain("Exception", error);
        Assert.False(Directory.Exists(Path.Combine(disk.Path, "work", $"export-{id}")), "the export's part files are still there");
        // Reads and token-authenticated calls go on; health says the disk is low.
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync("/api/exports")).StatusCode);
        var health = await portal.CreateClient().GetAsync("healthz");
        Assert.Contains("Degraded", await health.Content.ReadAsStringAsync());
        // The operators read why in the log, with the execution it concerns; once, not in a loop.
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains($"job execution {executionId}"));
        Assert.True(logs.Lines.Count(l => l.Level >= LogLevel.Error) < 10, $"{logs.Lines.Count(l => l.Level >= LogLevel.Error)} error lines in the log");

        disk.Free();
        var again = await portal.RequestExportAndWaitAsync(kim, """{"dataset":"orders","format":"json"}""");
        Assert.Equal(await portal.OrderCountAsync("HANBIT"), again.GetProperty("rowCount").GetInt64());
        Assert.Contains("Healthy", await (await portal.CreateClient().GetAsync("healthz")).Content.ReadAsStringAsync());
    }
}
