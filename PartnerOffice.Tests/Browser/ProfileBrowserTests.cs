using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.App.Identity;
using PartnerOffice.App.Localization;
using PartnerOffice.Identity;
using PartnerOffice.Jobs;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>The profile page in chromium: a partner user changes zone and language and the portal follows at once; axe finds nothing serious.</summary>
public class ProfileBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_partner_user_saves_new_york_and_korean_and_the_portal_shows_both_at_once()
    {
        var user = await NewUserAsync();
        // An export of the user's partner, so that the history has a time to show.
        using var api = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (_, execution) = await portal.RequestExportAsync(api, """{"dataset":"orders","format":"csv"}""");
        await portal.WaitForJobAsync(execution, JobStatus.Completed);

        await using var context = await browser.NewContextAsync(portal, size: BrowserFixture.SmallLaptop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await BrowserFixture.SignInAsync(page, user);
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // From a page with a circuit, the header's link leads to the static profile page.
        await page.GetByTestId("signed-in-user").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profile", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Time zone" }).SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true }).SelectOptionAsync(PortalCultures.Korean);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 정보", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("profile-saved")).ToContainTextAsync("설정을 저장했습니다.");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "시간대" })).ToHaveValueAsync("America/New_York");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "언어" })).ToHaveValueAsync(PortalCultures.Korean);

        // Another page, reached through the navigation: Korean, and its times in New York's zone.
        await page.GetByRole(AriaRole.Link, new() { Name = "다운로드 이력" }).ClickAsync();
        // Leaving a static page, the browser opens its first circuit here: on a busy 2-core machine that outlasted the default 5 s.
        await Expect(page.Locator("main[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 20_000 });
        var requested = page.GetByRole(AriaRole.Row).Nth(1).Locator("time").First;
        await Expect(requested).ToHaveAttributeAsync("title", "America/New_York");
        var utc = DateTime.Parse((await requested.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
        await Expect(requested).ToHaveTextAsync(UserTime.Format(utc, "America/New_York", "g", CultureInfo.GetCultureInfo(PortalCultures.Korean)));
    }

    [Theory]
    [InlineData(PortalCultures.English)]
    [InlineData(PortalCultures.Korean)]
    public async Task The_profile_page_passes_axe_with_and_without_its_messages_and_fits_a_small_laptop(string language)
    {
        var user = await NewUserAsync();
        await using var context = await browser.NewContextAsync(portal, size: BrowserFixture.SmallLaptop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/profile");
        await BrowserFixture.SignInAsync(page, user);
        await page.GotoAsync(PortalCultures.SwitchUrl(language, "/account/profile"));
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToBeVisibleAsync();

        var problems = new List<string>();
        async Task CheckAsync(string state)
        {
            problems.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{state}: {v}"));
            if (language == PortalCultures.Korean)
                problems.AddRange((await Accessibility.EnglishWordsAsync(page)).Select(w => $"{state}: English on a Korean page: {w}"));
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                problems.Add($"{state}: the page scrolls sideways at 1024×768");
        }
        await CheckAsync("as opened");

        // A refused change shows its message under the field; the typed passwords are gone.
        await page.Locator("#current-password").FillAsync("not-my-password");
        await page.Locator("#new-password").FillAsync("Brand-new!2345");
        await page.Locator("#confirm-password").FillAsync("Brand-new!2345");
        await page.Locator("#confirm-password").PressAsync("Enter");
        await Expect(page.Locator("#current-password-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#current-password")).ToHaveValueAsync("");
        await CheckAsync("after a wrong current password");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A partner user of HANBIT per test: saving preferences must not change what the other tests see.</summary>
    private async Task<PortalUser> NewUserAsync()
    {
        var email = $"profile-{Guid.NewGuid():N}@hanbit.example";
        const string password = "Profile!2345";
        await portal.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, UserRole.PartnerUser, "HANBIT", "박지훈");
        return new PortalUser(email, password, UserRole.PartnerUser, "HANBIT", "박지훈");
    }
}
