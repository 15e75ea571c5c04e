using System.Globalization;
using System.Net;
using PartnerOffice.App.Localization;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Web;

public class LocalizationTests(PortalHost portal) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task The_browser_language_picks_korean()
    {
        using var client = portal.CreateClient("ko-KR,ko;q=0.9,en;q=0.5");

        var page = await (await client.GetAsync("account/login")).ReadPageAsync();

        Assert.Contains("<html lang=\"ko\">", page);
        Assert.Contains("비밀번호", page);
    }

    [Fact]
    public async Task The_switch_overrides_the_browser_language_and_is_remembered()
    {
        using var client = await portal.SignInAsync(PortalHost.Kim, acceptLanguage: "en-US");
        Assert.Contains("Sign out", await (await client.GetAsync("")).ReadPageAsync());

        var switched = await client.GetAsync(PortalCultures.SwitchUrl("ko", "/account/api-tokens").TrimStart('/'));
        Assert.Equal(HttpStatusCode.Found, switched.StatusCode);
        Assert.Equal("/account/api-tokens", switched.Headers.Location!.OriginalString);

        var page = await (await client.GetAsync("")).ReadPageAsync();
        Assert.Contains("로그아웃", page);
        Assert.Contains("내보내기", page);

        await client.GetAsync(PortalCultures.SwitchUrl("en", "/").TrimStart('/'));
        Assert.Contains("Sign out", await (await client.GetAsync("")).ReadPageAsync());
    }

    [Fact]
    public async Task The_switch_returns_to_a_page_whose_address_holds_korean_text()
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync(PortalCultures.SwitchUrl("ko", "/history?q=한빛#목록").TrimStart('/'));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/history?q=%ED%95%9C%EB%B9%9B#%EB%AA%A9%EB%A1%9D", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_switch_only_returns_to_pages_of_this_site(string returnUrl)
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync(PortalCultures.SwitchUrl("ko", returnUrl).TrimStart('/'));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Times_are_shown_in_the_users_time_zone_and_culture()
    {
        var utc = new DateTime(2026, 11, 23, 15, 30, 0, DateTimeKind.Unspecified);

        Assert.Equal("2026-11-24 00:30", UserTime.Format(utc, "Asia/Seoul", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal("2026-11-23 15:30", UserTime.Format(utc, "No/Such_Zone", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal("2026. 11. 24. 오전 12:30", UserTime.Format(utc, "Asia/Seoul", "g", CultureInfo.GetCultureInfo("ko")));
        // Newer ICU data puts a narrow no-break space before AM/PM.
        Assert.Equal("11/24/2026 12:30 AM", UserTime.Format(utc, "Asia/Seoul", "g", CultureInfo.GetCultureInfo("en")).Replace('\u202f', ' '));
    }
}
