using Microsoft.Playwright;
using PartnerOffice.App.Localization;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>
/// Every page, as a partner user and as an admin, in English and in Korean, checked with axe-core: no critical or
/// serious WCAG 2.1 AA violation, nothing refused by the Content-Security-Policy; Korean pages also show no English left over.
/// </summary>
public class EveryPageAccessibilityBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    private static readonly string[] PartnerPages = ["", "exports", "history", "account/api-tokens", "account/profile"];
    // Rendered on the server alone (it re-issues the sign-in cookie): no circuit to wait for.
    private static readonly string[] StaticPages = ["account/profile"];
    private static readonly string[] AdminPages = [.. PartnerPages, "jobs", "jobs/{execution}", "schedules", "audit", "users"];

    public static TheoryData<string, string> Visitors() => new()
    {
        { "partner", PortalCultures.English }, { "partner", PortalCultures.Korean },
        { "admin", PortalCultures.English }, { "admin", PortalCultures.Korean },
    };

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Every_page_passes_axe_and_korean_pages_hold_no_english(string visitor, string language)
    {
        var user = visitor == "admin" ? PortalHost.Admin : PortalHost.Kim;
        using var api = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (_, execution) = await portal.RequestExportAsync(api, """{"dataset":"orders","format":"csv"}""");
        await portal.WaitForJobAsync(execution, PartnerOffice.Jobs.JobStatus.Completed);

        await using var context = await browser.NewContextAsync(portal);
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) refused.Add(message.Text); };
        await page.GotoAsync("/");
        await BrowserFixture.SignInAsync(page, user);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        if (language != PortalCultures.English) await page.GotoAsync(PortalCultures.SwitchUrl(language, "/"));

        var problems = new List<string>();
        foreach (var path in (visitor == "admin" ? AdminPages : PartnerPages).Select(p => p.Replace("{execution}", execution.ToString())))
        {
            await page.GotoAsync(path);
            if (!StaticPages.Contains(path)) await BrowserFixture.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            problems.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"/{path}: {v}"));
            if (language == PortalCultures.Korean)
                problems.AddRange((await Accessibility.EnglishWordsAsync(page)).Select(w => $"/{path}: English on a Korean page: {w}"));
        }
        problems.AddRange(refused.Select(r => $"refused by the Content-Security-Policy: {r}"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
