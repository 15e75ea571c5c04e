using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.App.Identity;
using PartnerOffice.Identity;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Identity;

public class SignInTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task An_anonymous_page_request_is_sent_to_the_login_page_and_comes_back_after_signing_in()
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync("account/api-tokens");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Faccount%2Fapi-tokens", response.Headers.Location.Query);

        var signedIn = await PortalHost.PostLoginFormAsync(client, PortalHost.Kim.Email, PortalHost.Kim.Password, "/account/api-tokens");
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal("/account/api-tokens", signedIn.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("account/api-tokens")).StatusCode);
    }

    [Fact]
    public async Task The_login_page_does_not_redirect_to_another_site()
    {
        using var client = portal.CreateClient();

        var response = await PortalHost.PostLoginFormAsync(client, PortalHost.Kim.Email, PortalHost.Kim.Password, "//evil.example/");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(portal.BaseAddress.Authority, new Uri(portal.BaseAddress, response.Headers.Location!).Authority);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var client = portal.CreateClient();

        var response = await PortalHost.PostLoginFormAsync(client, PortalHost.Lee.Email, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains(Refused, page);
        Assert.DoesNotContain("not-the-password", page);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("")).StatusCode);
    }

    [Fact]
    public async Task An_account_locks_after_repeated_failures_and_then_refuses_even_the_right_password()
    {
        const string email = "lockout@hanbit.example", password = "Right!2345";
        await portal.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, UserRole.PartnerUser, "HANBIT");
        using var client = portal.CreateClient();

        for (var attempt = 1; attempt < new IdentityOptions().MaxFailedSignIns; attempt++)
            Assert.Contains(Refused, await (await PortalHost.PostLoginFormAsync(client, email, "wrong")).ReadPageAsync());
        var lastFailure = await PortalHost.PostLoginFormAsync(client, email, "wrong");
        var rightPassword = await PortalHost.PostLoginFormAsync(client, email, password);

        Assert.Contains(Refused, await lastFailure.ReadPageAsync());
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains(Refused, await rightPassword.ReadPageAsync());
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("")).StatusCode);
    }

    [Fact]
    public async Task Unknown_wrong_password_and_locked_accounts_get_the_same_page()
    {
        const string email = "locked-twin@hanbit.example", password = "Right!2345";
        await portal.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, UserRole.PartnerUser, "HANBIT");
        using var client = portal.CreateClient();
        for (var attempt = 0; attempt < new IdentityOptions().MaxFailedSignIns; attempt++)
            await PortalHost.PostLoginFormAsync(client, email, "wrong");

        async Task<string> PageFor(string who, string secret) =>
            WithoutFormTokens(await (await PortalHost.PostLoginFormAsync(client, who, secret)).ReadPageAsync()).Replace(who, "<email>");

        var unknown = await PageFor("nobody@nowhere.example", "whatever-1");
        Assert.Equal(unknown, await PageFor(PortalHost.Lee.Email, "whatever-1"));
        Assert.Equal(unknown, await PageFor(email, "whatever-1"));
        Assert.Equal(unknown, await PageFor(email, password));
    }

    [Fact]
    public async Task Signing_in_with_a_return_url_holding_korean_text_signs_in_and_goes_back()
    {
        using var client = portal.CreateClient();

        var response = await PortalHost.PostLoginFormAsync(client, PortalHost.Lee.Email, PortalHost.Lee.Password, "/history?q=한빛");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var target = new Uri(portal.BaseAddress, response.Headers.Location!);
        Assert.Equal(portal.BaseAddress.Authority, target.Authority);
        Assert.Equal("/history?q=%ED%95%9C%EB%B9%9B", target.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("")).StatusCode);
    }

    private const string Refused = "Wrong e-mail or password, or the account is locked after too many failed sign-ins";

    /// <summary>The page less what differs on every answer by design: form tokens and the framework's per-render state.</summary>
    private static string WithoutFormTokens(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, "[A-Za-z0-9_+/=-]{40,}", "");

    [Fact]
    public async Task Signing_out_needs_the_form_token_and_ends_the_session()
    {
        using var client = await portal.SignInAsync(PortalHost.Lee);
        var home = await (await client.GetAsync("")).ReadPageAsync();

        var forged = await client.PostAsync("account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("")).StatusCode);

        var signedOut = await client.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHost.AntiforgeryToken(home),
        }));
        Assert.Equal(HttpStatusCode.Found, signedOut.StatusCode);
        Assert.Equal("/account/login", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("")).StatusCode);
    }
}
