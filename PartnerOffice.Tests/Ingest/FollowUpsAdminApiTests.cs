using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Audit;
using PartnerOffice.Exports;
using PartnerOffice.Ingest;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>
/// The admin API of invoice follow-ups: admin tokens only, listed by status, and an operator's retry of a failed one,
/// recorded in the audit trail. No marketplace is configured, so no worker calls the invoice service: a retried follow-up
/// stays Pending for the test to see.
/// </summary>
public sealed class FollowUpsAdminApiTests : IAsyncLifetime
{
    private PortalHost portal = default!;

    public async Task InitializeAsync() => portal = await PortalHost.StartAsync();

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private async Task<InvoiceFollowUp> FollowUpOfAsync(string orderId) => (await portal.FollowUpsAsync()).Single(f => f.Order.ExternalId == orderId);

    private Task<AuditPage> RetriesInTrailAsync() =>
        portal.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery { Actions = [AuditAction.FollowUpRetried] });

    [Fact]
    public async Task Listing_and_retrying_refuse_no_token_with_401_and_a_partner_token_with_403()
    {
        await portal.AddFollowUpsAsync(FollowUpStatus.Failed, "MK-AUTH-1");
        var id = (await FollowUpOfAsync("MK-AUTH-1")).Id;
        using var anonymous = portal.CreateClient();
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));

        foreach (var client in new[] { anonymous, kim })
        {
            var expected = client == anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, (await client.GetAsync("api/admin/follow-ups?status=Failed")).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"api/admin/follow-ups/{id}/retry", null)).StatusCode);
        }
        Assert.Equal(FollowUpStatus.Failed, (await FollowUpOfAsync("MK-AUTH-1")).Status);
        Assert.Empty((await RetriesInTrailAsync()).Items);
    }

    [Fact]
    public async Task Both_endpoints_are_in_the_openapi_document()
    {
        using var anonymous = portal.CreateClient();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/admin/follow-ups").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/admin/follow-ups/{id}/retry").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task The_list_pages_a_status_newest_first_and_refuses_a_status_that_is_none_naming_the_field()
    {
        await portal.AddFollowUpsAsync(FollowUpStatus.Failed, "MK-LIST-1", "MK-LIST-2", "MK-LIST-3");
        await portal.AddFollowUpsAsync("MK-LIST-4");
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var first = await admin.GetFromJsonAsync<JsonElement>("api/admin/follow-ups?status=failed&pageSize=2");
        var second = await admin.GetFromJsonAsync<JsonElement>("api/admin/follow-ups?status=Failed&pageSize=2&page=2");
        var every = await admin.GetFromJsonAsync<JsonElement>("api/admin/follow-ups");

        Assert.Equal(["MK-LIST-3", "MK-LIST-2"], first.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("orderId").GetString()));
        Assert.Equal(["MK-LIST-1"], second.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("orderId").GetString()));
        Assert.Equal((3, 2, 2), (first.GetProperty("total").GetInt32(), second.GetProperty("page").GetInt32(), second.GetProperty("pageSize").GetInt32()));
        var failed = first.GetProperty("items")[0];
        Assert.Equal(("Failed", "HANBIT", 10), (failed.GetProperty("status").GetString(), failed.GetProperty("sellerCode").GetString(), failed.GetProperty("attempts").GetInt32()));
        Assert.Equal("The invoice service answered 503 Service Unavailable.", failed.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(4, every.GetProperty("total").GetInt32());
        Assert.Equal("Pending", every.GetProperty("items")[0].GetProperty("status").GetString());

        var refused = await admin.GetAsync("api/admin/follow-ups?status=Lost&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("'Lost' is not a status", errors.GetProperty("status")[0].GetString());
        Assert.True(errors.TryGetProperty("page", out _));
    }

    [Fact]
    public async Task A_retry_puts_a_failed_follow_up_back_to_pending_now_and_the_audit_trail_says_who_retried_which_order()
    {
        await portal.AddFollowUpsAsync(FollowUpStatus.Failed, "MK-RETRY-1");
        var before = await FollowUpOfAsync("MK-RETRY-1");
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var response = await admin.PostAsync($"api/admin/follow-ups/{before.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Pending", "MK-RETRY-1"), (answered.GetProperty("status").GetString(), answered.GetProperty("orderId").GetString()));
        var after = await FollowUpOfAsync("MK-RETRY-1");
        Assert.Equal(FollowUpStatus.Pending, after.Status);
        Assert.Null(after.FirstFailedAt); // a new retry window opens at its next failure
        var entry = Assert.Single((await RetriesInTrailAsync()).Items);
        Assert.Equal((PortalHost.Admin.Email, $"follow-up {before.Id}"), (entry.Actor, entry.Target));
        Assert.Contains("order MK-RETRY-1 (HANBIT)", entry.Detail);
        var hanbit = (await portal.Services.GetRequiredService<ExportService>().PartnersAsync()).Single(p => p.Code == "HANBIT");
        Assert.Equal(hanbit.Id, entry.PartnerId);
        Assert.Equal(await portal.UserIdAsync(PortalHost.Admin), entry.UserId);
    }

    [Fact]
    public async Task Retrying_one_that_is_not_failed_is_a_409_naming_its_status_an_unknown_one_a_404_and_neither_is_audited()
    {
        await portal.AddFollowUpsAsync("MK-PENDING-1");
        var pending = await FollowUpOfAsync("MK-PENDING-1");
        using var admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));

        var conflict = await admin.PostAsync($"api/admin/follow-ups/{pending.Id}/retry", null);
        var unknown = await admin.PostAsync("api/admin/follow-ups/987654/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal($"Follow-up {pending.Id} (order MK-PENDING-1) is Pending: only a Failed follow-up can be retried.",
            (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("There is no follow-up 987654.", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(FollowUpStatus.Pending, (await FollowUpOfAsync("MK-PENDING-1")).Status);
        Assert.Empty((await RetriesInTrailAsync()).Items);
    }
}
