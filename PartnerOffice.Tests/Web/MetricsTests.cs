using System.Net;
using Microsoft.AspNetCore.Builder;
using PartnerOffice.App.Hosting;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

/// <summary>
/// Meters are process-wide by name: while other portals of the test run export, this portal's endpoint would count
/// theirs too. The tests here run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsAlone;

/// <summary>The Prometheus endpoint: the engine's and the web server's metrics, for scrapers on allowed networks and for admins.</summary>
[Collection(nameof(MetricsTests))]
public class MetricsTests
{
    [Fact]
    public async Task A_scraper_on_this_machine_reads_the_engines_and_the_web_servers_metrics()
    {
        await using var portal = await PortalHost.StartAsync();
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var export = await portal.RequestExportAndWaitAsync(kim, """{"dataset":"orders","format":"csv"}""");

        var metrics = await portal.CreateClient().GetStringAsync("metrics");

        const string scope = "otel_scope_name=\"PartnerOffice.Jobs\"";
        Assert.Contains($"partneroffice_jobs_executions_ended_total{{{scope},job=\"export\",status=\"Completed\"}} 1", metrics);
        Assert.Contains($"partneroffice_jobs_execution_duration_seconds_count{{{scope},job=\"export\",status=\"Completed\"}} 1", metrics);
        Assert.Contains($"partneroffice_jobs_chunk_duration_seconds_bucket{{{scope},job=\"export\",step=\"write-parts\",le=\"0.005\"}}", metrics);
        // Rows, for the export: their rate is the rows exported per second.
        Assert.Contains($"partneroffice_jobs_progress_total{{{scope},job=\"export\",step=\"write-parts\"}} {export.GetProperty("rowCount").GetInt64()}", metrics);
        Assert.Contains($"partneroffice_jobs_executions{{{scope},status=\"Completed\"}} 1", metrics);
        Assert.Contains($"partneroffice_jobs_executions{{{scope},status=\"Queued\"}} 0", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
    }

    [Fact]
    public async Task Outside_the_allowed_networks_only_an_admin_reads_them()
    {
        await using var portal = await PortalHost.StartAsync(configure: builder =>
            builder.Configuration[$"{MetricsOptions.Section}:AllowedNetworks:0"] = "10.0.0.0/8");
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        Assert.NotEqual(HttpStatusCode.OK, (await portal.CreateClient().GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kim.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("metrics")).StatusCode);
    }
}
