using Microsoft.Playwright;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>A partner user who switched the portal to Korean gets the exports form's validation messages in Korean.</summary>
public class ExportErrorsBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_korean_user_sees_the_message_under_the_field_in_korean()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);

        // The language switch remembers Korean in the culture cookie and comes back to this page.
        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내보내기", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // The date pickers are named by their visible, Korean labels.
        await page.GetByLabel("시작일").FillAsync("2026-03-02");
        await page.GetByLabel("시작일").PressAsync("Tab");
        await page.GetByLabel("종료일").FillAsync("2026-03-01");
        await page.GetByLabel("종료일").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "내보내기 요청" }).ClickAsync();

        await Expect(page.Locator("[data-field='filters.from'] .mud-input-helper-text")).ToHaveTextAsync("시작일이 종료일보다 늦습니다.");
        await Expect(page.GetByLabel("시작일")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("The start date is after the end date.")).ToHaveCountAsync(0);
        // Refused, so nothing was queued.
        await Expect(page.GetByText("아직 내보내기가 없습니다.")).ToBeVisibleAsync();
    }
}
