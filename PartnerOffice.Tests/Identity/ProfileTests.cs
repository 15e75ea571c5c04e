using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Identity;
using PartnerOffice.Identity;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Identity;

/// <summary>The profile page over HTTP: its two forms as a browser posts them, and what the portal does with them.</summary>
public class ProfileTests(PortalHost portal) : IClassFixture<PortalHost>
{
    private const string ProfilePath = "account/profile";

    [Fact]
    public async Task The_page_shows_the_users_account_and_preselects_their_zone_and_language()
    {
        using var client = await portal.SignInAsync(PortalHost.Kim);

        var page = await (await client.GetAsync(ProfilePath)).ReadPageAsync();

        Assert.Contains("<h1", page);
        Assert.Contains(PortalHost.Kim.Name, page);
        Assert.Contains(PortalHost.Kim.Email, page);
        Assert.Contains("Partner user", page);
        Assert.Contains("한빛상사 (HANBIT)", page);
        Assert.Contains("""<option value="Asia/Seoul" selected""", page);
        Assert.Contains("""<option value="America/New_York" """, page);
        Assert.Contains("""<option value="en" lang="en" selected""", page);
    }

    [Fact]
    public async Task Changing_the_time_zone_issues_the_cookie_again_and_the_api_reports_the_new_zone()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var saved = await PostPreferencesAsync(client, "America/New_York", "en");

        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        Assert.Equal("/account/profile?saved=preferences", new Uri(portal.BaseAddress, saved.Headers.Location!).PathAndQuery);
        Assert.Contains(saved.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PartnerOffice.Auth=", StringComparison.Ordinal));
        var me = await client.GetFromJsonAsync<JsonElement>("api/me");
        Assert.Equal("America/New_York", me.GetProperty("timeZone").GetString());
        var page = await (await client.GetAsync(saved.Headers.Location!.OriginalString)).ReadPageAsync();
        Assert.Contains("Your preferences are saved.", page);
        Assert.Contains("""<option value="America/New_York" selected""", page);
    }

    [Fact]
    public async Task Korean_saved_on_the_profile_shows_at_once_and_at_every_later_sign_in()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var saved = await PostPreferencesAsync(client, "Asia/Seoul", "ko");

        Assert.Contains(saved.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dko%7Cuic%3Dko", StringComparison.Ordinal));
        Assert.Contains("설정을 저장했습니다.", await (await client.GetAsync(saved.Headers.Location!.OriginalString)).ReadPageAsync());

        // Another browser, asking for English, gets the stored language once signed in.
        using var elsewhere = portal.CreateClient(acceptLanguage: "en-US");
        var signedIn = await PortalHost.PostLoginFormAsync(elsewhere, user.Email, user.Password, "/account/profile");
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dko%7Cuic%3Dko", StringComparison.Ordinal));
        Assert.Contains("새 비밀번호 확인", await (await elsewhere.GetAsync(ProfilePath)).ReadPageAsync());
    }

    [Fact]
    public async Task A_user_who_never_chose_a_language_keeps_the_browsers_at_sign_in()
    {
        using var client = portal.CreateClient(acceptLanguage: "ko-KR");

        var signedIn = await PortalHost.PostLoginFormAsync(client, PortalHost.Lee.Email, PortalHost.Lee.Password);

        Assert.False(signedIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
        Assert.Contains("""<option value="ko" lang="ko" selected""", await (await client.GetAsync(ProfilePath)).ReadPageAsync());
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "Choose a time zone from the list.")]
    [InlineData("", "Choose a time zone from the list.")]
    [InlineData("Korea Standard Time", "Choose a time zone from the list.")]
    public async Task An_unknown_time_zone_is_refused_with_a_message_and_nothing_changes(string zone, string message)
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var refused = await PostPreferencesAsync(client, zone, "en");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Contains(message, page);
        Assert.Contains("""aria-invalid="true" aria-describedby="time-zone-error time-zone-help""", page);
        Assert.Equal("Asia/Seoul", (await client.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_a_message()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var refused = await PostPreferencesAsync(client, "UTC", "fr");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose one of the languages in the list.", await refused.ReadPageAsync());
        Assert.Equal("Asia/Seoul", (await client.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_under_its_field_and_the_old_password_still_signs_in()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var refused = await PostPasswordAsync(client, "not-my-password", "Brand-new!2345", "Brand-new!2345");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Contains("""aria-invalid="true" aria-describedby="current-password-error" """.Trim(), page);
        AssertFieldError(page, "current-password-error", "This is not your current password.");
        Assert.DoesNotContain("not-my-password", page);
        Assert.DoesNotContain("Brand-new!2345", page);
        Assert.Equal(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, "Brand-new!2345")).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_towards_the_lockout()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        for (var attempt = 1; attempt < new IdentityOptions().MaxFailedSignIns; attempt++)
            Assert.Contains("This is not your current password.", await (await PostPasswordAsync(client, "wrong-password", "Brand-new!2345", "Brand-new!2345")).ReadPageAsync());
        var locked = await PostPasswordAsync(client, "wrong-password", "Brand-new!2345", "Brand-new!2345");

        Assert.Contains("the account is locked for a while", await locked.ReadPageAsync());
        Assert.Equal(HttpStatusCode.OK, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task A_changed_password_signs_in_and_the_old_one_no_longer_does()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var changed = await PostPasswordAsync(client, user.Password, "Brand-new!2345", "Brand-new!2345");

        Assert.Equal(HttpStatusCode.Found, changed.StatusCode);
        Assert.Equal("/account/profile?saved=password", new Uri(portal.BaseAddress, changed.Headers.Location!).PathAndQuery);
        Assert.Contains(changed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PartnerOffice.Auth=", StringComparison.Ordinal));
        var page = await (await client.GetAsync(changed.Headers.Location!.OriginalString)).ReadPageAsync();
        Assert.Contains("Your password is changed", page);
        Assert.DoesNotContain("Brand-new!2345", page);
        Assert.Equal(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, "Brand-new!2345")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, user.Password)).StatusCode);
    }

    [Theory]
    [InlineData("Short!1", "Short!1", "The new password needs at least 8 characters.", "new-password-error")]
    [InlineData(null, null, "The new password must differ from the current one.", "new-password-error")]
    [InlineData("Brand-new!2345", "Brand-new!2346", "The two new passwords differ.", "confirm-password-error")]
    public async Task A_new_password_that_breaks_the_rules_is_refused_under_its_field(string? newPassword, string? confirmation, string message, string errorId)
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var refused = await PostPasswordAsync(client, user.Password, newPassword ?? user.Password, confirmation ?? user.Password);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        AssertFieldError(page, errorId, message);
        Assert.Equal(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var user = await NewUserAsync();
        using var client = await portal.SignInAsync(user);

        var preferences = await client.PostAsync(ProfilePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "profile-preferences",
            ["Preferences.TimeZone"] = "America/New_York",
            ["Preferences.Language"] = "ko",
        }));
        var password = await client.PostAsync(ProfilePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "profile-password",
            ["Password.Current"] = user.Password,
            ["Password.New"] = "Brand-new!2345",
            ["Password.Confirmation"] = "Brand-new!2345",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, preferences.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("Asia/Seoul", (await client.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("timeZone").GetString());
        Assert.Equal(HttpStatusCode.Found, (await PortalHost.PostLoginFormAsync(portal.CreateClient(), user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_request_is_sent_to_sign_in_and_comes_back()
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync(ProfilePath);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Faccount%2Fprofile", response.Headers.Location.Query);
    }

    /// <summary>The message is in the element the field names in its aria-describedby, so screen readers read it with the field.</summary>
    private static void AssertFieldError(string page, string id, string message) =>
        Assert.Matches($"""<div id="{id}" class="po-field-error"[^>]*>{Regex.Escape(message)}</div>""", page);

    /// <summary>A partner user of its own per test, so that one test's changes never meet another's.</summary>
    private async Task<PortalUser> NewUserAsync()
    {
        var email = $"profile-{Guid.NewGuid():N}@hanbit.example";
        const string password = "Profile!2345";
        await portal.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, UserRole.PartnerUser, "HANBIT", "박지훈");
        return new PortalUser(email, password, UserRole.PartnerUser, "HANBIT", "박지훈");
    }

    private static Task<HttpResponseMessage> PostPreferencesAsync(HttpClient client, string timeZone, string language) =>
        PostFormAsync(client, "profile-preferences", new() { ["Preferences.TimeZone"] = timeZone, ["Preferences.Language"] = language });

    private static Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string current, string newPassword, string confirmation) =>
        PostFormAsync(client, "profile-password", new() { ["Password.Current"] = current, ["Password.New"] = newPassword, ["Password.Confirmation"] = confirmation });

    /// <summary>Posts one of the page's forms like a browser: the form token of a freshly rendered page, the form's name.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(ProfilePath);
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = PortalHost.AntiforgeryToken(page);
        return await client.PostAsync(ProfilePath, new FormUrlEncodedContent(fields));
    }
}
