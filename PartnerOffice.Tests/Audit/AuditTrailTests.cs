using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Audit;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Audit;

/// <summary>The audit trail: what each audited action leaves in it, the reason asked for a personal-data download, and who may read it.</summary>
public sealed class AuditTrailTests(PortalHost portal) : IClassFixture<PortalHost>
{
    private AuditTrail Trail => portal.Services.GetRequiredService<AuditTrail>();

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync(AuditAction action, string? text = null) =>
        (await Trail.SearchAsync(new AuditQuery { Actions = [action], Text = text, PageSize = 500 })).Items;

    [Fact]
    public async Task A_download_is_recorded_with_the_reason_given_and_requests_and_deletions_are_recorded_too()
    {
        var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var members = (await portal.RequestExportAndWaitAsync(kim, """{"dataset":"members","format":"csv"}""")).GetProperty("id").GetInt64();


        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync($"/api/exports/{members}/file?reason=" + Uri.EscapeDataString("고객 문의 대응"))).StatusCode);
        var download = Assert.Single(await EntriesAsync(AuditAction.ExportDownloaded, $"export {members}"));
        Assert.Equal("고객 문의 대응", download.Detail);
        Assert.Equal(PortalHost.Kim.Email, download.Actor);
        Assert.NotNull(download.PartnerId);
        Assert.Single(await EntriesAsync(AuditAction.ExportRequested, $"export {members}"));

        // Only members and order recipients count as personal data.
        var products = (await portal.RequestExportAndWaitAsync(kim, """{"dataset":"products","format":"json"}""")).GetProperty("id").GetInt64();
        Assert.True((await kim.GetFromJsonAsync<JsonElement>($"/api/exports/{members}")).GetProperty("holdsPersonalData").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync($"/api/exports/{products}/file")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await kim.DeleteAsync($"/api/exports/{products}")).StatusCode);
        Assert.Single(await EntriesAsync(AuditAction.ExportDeleted, $"export {products}"));
    }

    [Fact]
    public async Task Sign_ins_and_failed_ones_are_recorded_with_the_source_address()
    {
        using var client = portal.CreateClient();
        await PortalHost.PostLoginFormAsync(client, "nobody@example.test", "wrong-password");
        await portal.SignInAsync(PortalHost.Lee);

        var failed = Assert.Single(await EntriesAsync(AuditAction.SignInFailed, "nobody@example.test"));
        Assert.Null(failed.UserId);
        var signedIn = (await EntriesAsync(AuditAction.SignedIn, PortalHost.Lee.Email)).First();
        Assert.Equal(await portal.UserIdAsync(PortalHost.Lee), signedIn.UserId);
        Assert.NotNull(signedIn.SourceAddress);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_clients_forwarded_address_is_recorded_and_elsewhere_the_header_is_ignored()
    {
        await using var proxied = await PortalHost.StartAsync(configure: builder => builder.Configuration["PartnerOffice:Proxies:TrustedNetworks:0"] = "127.0.0.1/32");
        foreach (var (host, expected) in new[] { (proxied, "203.0.113.7"), (portal, "127.0.0.1") })
        {
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
            await PortalHost.PostLoginFormAsync(client, "forwarded@example.test", "wrong-password");
            var entries = await host.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery { Actions = [AuditAction.SignInFailed], Text = "forwarded@" });
            Assert.Equal(expected, Assert.Single(entries.Items).SourceAddress);
        }
    }

    [Fact]
    public async Task An_admins_move_is_recorded_and_only_admins_search_or_export_the_trail()
    {
        var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/schedules/export-cleanup/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/schedules/export-cleanup/resume", null)).StatusCode);

        var found = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?action=SchedulePaused&action=ScheduleResumed&text=export-cleanup");
        var actions = found.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["ScheduleResumed", "SchedulePaused"], actions);
        Assert.All(found.GetProperty("items").EnumerateArray(), e => Assert.Equal(PortalHost.Admin.Email, e.GetProperty("actor").GetString()));

        var csv = await admin.GetAsync("/api/admin/audit/csv?action=SchedulePaused");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time (UTC),action,actor", lines[0]);
        Assert.Contains(lines, l => l.Contains(",SchedulePaused,admin@partneroffice.example,") && l.Contains("schedule export-cleanup"));

        var bad = await admin.GetAsync("/api/admin/audit?action=Nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("action", out _));

        var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        Assert.Equal(HttpStatusCode.Forbidden, (await kim.GetAsync("/api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kim.GetAsync("/api/admin/audit/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.CreateClient().GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task Entries_past_the_retention_period_are_deleted_and_newer_ones_kept()
    {
        var clock = portal.Services.GetRequiredService<TimeProvider>();
        var db = portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PartnerOffice.Data.PartnerOfficeDbContext>>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var context = await db.CreateDbContextAsync())
        {
            context.AuditEntries.Add(new AuditEntry { At = now.AddDays(-731), Action = AuditAction.SignedIn, Actor = "old@retention.test" });
            context.AuditEntries.Add(new AuditEntry { At = now.AddDays(-729), Action = AuditAction.SignedIn, Actor = "recent@retention.test" });
            await context.SaveChangesAsync();
        }

        await Trail.DeleteExpiredAsync();

        Assert.Empty(await EntriesAsync(AuditAction.SignedIn, "old@retention.test"));
        Assert.Single(await EntriesAsync(AuditAction.SignedIn, "recent@retention.test"));
    }
}
