using Microsoft.Playwright;
using PartnerOffice.App.Localization;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>Pages checked with axe-core: no critical or serious WCAG 2.1 AA violation; Korean pages also show no English left over.</summary>
public class AccessibilityBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(PortalCultures.English)]
    [InlineData(PortalCultures.Korean)]
    public async Task The_sign_in_and_not_found_pages_pass_axe(string language)
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await context.NewPageAsync();
        await page.GotoAsync(PortalCultures.SwitchUrl(language, "/account/login"));

        var problems = new List<string>();
        foreach (var path in new[] { "account/login", "no-such-page" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            problems.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"/{path}: {v}"));
            if (language == PortalCultures.Korean)
                problems.AddRange((await Accessibility.EnglishWordsAsync(page)).Select(w => $"/{path}: English on a Korean page: {w}"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
