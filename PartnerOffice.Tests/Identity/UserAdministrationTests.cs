using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Identity;
using PartnerOffice.Audit;
using PartnerOffice.Identity;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Identity;

/// <summary>Partners and users managed by admins through the admin API, with the refusals that keep the portal reachable.</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private PortalHost portal = default!;
    private HttpClient admin = default!;

    public async Task InitializeAsync()
    {
        portal = await PortalHost.StartAsync();
        admin = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Admin));
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_partner_and_a_user_for_it_who_signs_in_with_the_password_the_portal_chose()
    {
        var partner = await admin.PostAsJsonAsync("api/admin/partners", new { code = "haneul", name = "하늘상점" });
        Assert.Equal(HttpStatusCode.Created, partner.StatusCode);
        Assert.Equal("HANEUL", (await partner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var created = await admin.PostAsJsonAsync("api/admin/users", new { email = "park@haneul.example", role = "PartnerUser", partner = "HANEUL", displayName = "Park" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        Assert.True(password.Length >= UserAccounts.MinPasswordLength);

        var park = new PortalUser("park@haneul.example", password, UserRole.PartnerUser, "HANEUL", "Park");
        using var signedIn = await portal.SignInAsync(park);
        Assert.Contains("하늘상점", await (await signedIn.GetAsync("")).ReadPageAsync());
        var listed = await admin.GetFromJsonAsync<JsonElement>("api/admin/users?partner=haneul");
        var row = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("park@haneul.example", "HANEUL", true), (row.GetProperty("email").GetString(), row.GetProperty("partner").GetString(), row.GetProperty("active").GetBoolean()));
        var partners = await admin.GetFromJsonAsync<JsonElement>("api/admin/partners");
        Assert.Equal(1, partners.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "HANEUL").GetProperty("users").GetInt32());

        var trail = await portal.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery { Actions = [AuditAction.PartnerCreated, AuditAction.UserCreated] });
        Assert.Equal(["user park@haneul.example", "partner HANEUL"], trail.Items.Select(e => e.Target));
        Assert.All(trail.Items, e => Assert.Equal(PortalHost.Admin.Email, e.Actor));
    }

    [Theory]
    [InlineData("partners", """{"code":"HANBIT","name":"Again"}""", "code")]
    [InlineData("partners", """{"code":"no spaces","name":"X"}""", "code")]
    [InlineData("partners", """{"code":"NEW","name":""}""", "name")]
    [InlineData("users", """{"email":"x@y.example","role":"Owner"}""", "role")]
    [InlineData("users", """{"email":"x@y.example","role":"PartnerUser","partner":"NOPE"}""", "partner")]
    [InlineData("users", """{"email":"x@y.example","role":"PartnerUser"}""", "partner")]
    [InlineData("users", """{"email":"kim@hanbit.example","role":"PartnerUser","partner":"HANBIT"}""", "email")]
    [InlineData("users", """{"email":"not-an-address","role":"Admin"}""", "email")]
    [InlineData("users", """{"email":"x@y.example","role":"Admin","password":"short"}""", "password")]
    public async Task Bad_input_is_a_400_naming_the_field(string what, string body, string field)
    {
        var response = await admin.PostAsync($"api/admin/{what}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors name {errors}, not {field}");
    }

    [Fact]
    public async Task A_locked_user_can_neither_sign_in_nor_call_the_api_until_unlocked_and_a_reset_password_replaces_the_old_one()
    {
        var kimId = await portal.UserIdAsync(PortalHost.Kim);
        using var kimsScript = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/admin/users/{kimId}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kimsScript.GetAsync("api/exports")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), PortalHost.Kim.Email, PortalHost.Kim.Password)).StatusCode);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>("api/admin/users?text=kim@")).EnumerateArray().Single().GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/admin/users/{kimId}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kimsScript.GetAsync("api/exports")).StatusCode);

        var reset = await (await admin.PostAsync($"api/admin/users/{kimId}/reset-password", null)).Content.ReadFromJsonAsync<JsonElement>();
        var newPassword = reset.GetProperty("password").GetString()!;
        Assert.NotEqual(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), PortalHost.Kim.Email, PortalHost.Kim.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), PortalHost.Kim.Email, newPassword)).StatusCode);

        var trail = await portal.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery
            { Actions = [AuditAction.UserLocked, AuditAction.UserUnlocked, AuditAction.PasswordReset] });
        Assert.Equal([AuditAction.PasswordReset, AuditAction.UserUnlocked, AuditAction.UserLocked], trail.Items.Select(e => e.Action));
        Assert.All(trail.Items, e => Assert.Equal($"user {PortalHost.Kim.Email}", e.Target));
    }

    [Fact]
    public async Task An_admin_sees_and_revokes_another_users_token_and_a_removed_user_loses_every_token_and_the_sign_in()
    {
        var leeId = await portal.UserIdAsync(PortalHost.Lee);
        using var first = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Lee, "nightly"));
        using var second = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Lee, "ci"));
        var tokens = await admin.GetFromJsonAsync<JsonElement>($"api/admin/users/{leeId}/tokens");
        var nightly = tokens.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "nightly").GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/admin/users/{leeId}/tokens/{nightly}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("api/exports")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("api/exports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"api/admin/users/{leeId}/tokens/{nightly}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/admin/users/{leeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("api/exports")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), PortalHost.Lee.Email, PortalHost.Lee.Password)).StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("api/admin/users")).EnumerateArray(), u => u.GetProperty("id").GetInt32() == leeId);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("api/admin/users?includeRemoved=true")).EnumerateArray(), u => u.GetProperty("id").GetInt32() == leeId);
        var revoked = await portal.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery { Actions = [AuditAction.TokenRevoked] });
        Assert.Contains("nightly", Assert.Single(revoked.Items).Detail);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_locked_or_removed_and_no_admin_locks_themselves()
    {
        var adminId = await portal.UserIdAsync(PortalHost.Admin);
        var users = portal.Services.GetRequiredService<UserAdministration>();

        var own = await admin.PostAsync($"api/admin/users/{adminId}/lock", null);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("own account", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"api/admin/users/{adminId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("api/admin/users/987654/unlock", null)).StatusCode);
        // Whoever asks (here the command line, which is no admin itself), the only admin keeps their access.
        Assert.Equal(UserChange.LastAdmin, await users.LockAsync(AuditActor.CommandLine, adminId));
        Assert.Equal(UserChange.LastAdmin, await users.RemoveAsync(AuditActor.CommandLine, adminId));

        var second = await users.CreateUserAsync(AuditActor.CommandLine, "ops@partneroffice.example", UserRole.Admin, null, "Ops", null);
        Assert.Equal(UserChange.Done, await users.LockAsync(AuditActor.CommandLine, adminId));
        Assert.Equal(UserChange.LastAdmin, await users.RemoveAsync(AuditActor.CommandLine, second.Created!.Id));
    }
}
