using Microsoft.Playwright;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>
/// A page on another origin of the same site (another port on the portal's host, so the browser sends the Lax sign-in
/// cookie with its form posts) cannot create or cancel exports for the signed-in user.
/// </summary>
public class CrossOriginBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_form_posted_from_another_origin_with_the_sign_in_cookie_changes_nothing()
    {
        await using var context = await browser.NewContextAsync(portal);
        await BrowserFixture.OpenAsync(context, PortalHost.Kim, "exports", "Exports");
        using var api = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (victim, _) = await portal.RequestExportAsync(api, """{"dataset":"members","format":"json"}""");
        var before = portal.ScalarAsLong("SELECT COUNT(*) FROM ExportRequests");

        // The attacker's page: served for an address on the portal's host but another port, posting plain forms.
        var attacker = new UriBuilder(portal.BaseAddress) { Port = portal.BaseAddress.Port == 1 ? 2 : 1, Path = "/attack" }.Uri;
        await context.RouteAsync(attacker.ToString(), route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""
                <form id="create" method="post" action="{portal.BaseAddress}api/exports" enctype="text/plain">
                  <input name='{"{"}"dataset":"orders","format":"csv","x":"' value='"{"}"}'>
                </form>
                <form id="cancel" method="post" action="{portal.BaseAddress}api/exports/{victim}/cancel"></form>
                """,
        }));

        foreach (var form in new[] { "create", "cancel" })
        {
            // A page of its own for each form: a submitted form navigates its page away.
            var page = await context.NewPageAsync();
            await page.GotoAsync(attacker.ToString());
            var answer = page.WaitForResponseAsync(r => r.Url.StartsWith(portal.BaseAddress.ToString()) && r.Request.Method == "POST");
            await page.EvalOnSelectorAsync($"#{form}", "f => f.submit()");
            Assert.Equal(401, (await answer).Status);
        }

        Assert.Equal(before, portal.ScalarAsLong("SELECT COUNT(*) FROM ExportRequests"));
        Assert.NotEqual("Cancelled", portal.ScalarAsString($"SELECT Status FROM ExportRequests WHERE Id = {victim}"));
        // The portal's own page still works with the same cookie.
        var own = await BrowserFixture.OpenSignedInAsync(context, "history");
        await Expect(own.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }
}
