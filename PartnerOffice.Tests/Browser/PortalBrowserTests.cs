using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>A partner user in a real chromium: sign in, see the shell, make an API token on its page and use it.</summary>
public class PortalBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_partner_user_signs_in_creates_an_api_token_uses_it_and_revokes_it()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await context.NewPageAsync();

        await page.GotoAsync("account/api-tokens");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await BrowserFixture.SignInAsync(page, PortalHost.Kim);

        var shellUser = page.GetByTestId("signed-in-user");
        await Expect(shellUser).ToContainTextAsync(PortalHost.Kim.Name);
        await Expect(shellUser).ToContainTextAsync("한빛상사");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API tokens", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(0);
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Token name" }).FillAsync("browser test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secretElement = page.GetByTestId("new-token-secret");
        await Expect(secretElement).ToBeVisibleAsync();
        var secret = (await secretElement.TextContentAsync())!.Trim();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "browser test" })).ToContainTextAsync("Active");

        using var api = portal.CreateTokenClient(secret);
        var me = await api.GetFromJsonAsync<JsonElement>("api/me");
        Assert.Equal(PortalHost.Kim.Email, me.GetProperty("email").GetString());

        // The row and its Revoke action fit beside the drawer on a laptop and on a 1024 px screen.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "browser test" });
        var revoke = row.GetByRole(AriaRole.Button, new() { Name = "Revoke browser test" });
        await GridLayout.AssertRowFitsAsync(row, revoke);
        await page.SetViewportSizeAsync(1024, 768);
        await GridLayout.AssertRowFitsAsync(row, revoke);

        await revoke.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("browser test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep the token" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("Active");
        await revoke.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "browser test" })).ToContainTextAsync("Revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("api/me")).StatusCode);
    }
}
