using Microsoft.Playwright;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>
/// An admin (a platform operator) sees every partner's exports and whose each is, narrows them to one partner, and
/// every export grid fits beside the open drawer at 1280×800 and at 1024×768.
/// </summary>
public sealed class AdminExportsBrowserTests(AdminExportsBrowserTests.TwoPartnersExported portal, BrowserFixture browser)
    : IClassFixture<AdminExportsBrowserTests.TwoPartnersExported>, IClassFixture<BrowserFixture>
{
    /// <summary>A portal where HANBIT's and BADA's users have each exported their orders.</summary>
    public sealed class TwoPartnersExported : IAsyncLifetime
    {
        public PortalHost Host { get; } = new();

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Host).InitializeAsync();
            foreach (var user in new[] { PortalHost.Kim, PortalHost.Lee })
                await Host.RequestExportAndWaitAsync(Host.CreateTokenClient(await Host.CreateTokenAsync(user)), """{"dataset":"orders","format":"csv"}""");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_sees_whose_each_export_is_and_narrows_the_history_to_one_partner()
    {
        await using var context = await browser.NewContextAsync(portal.Host);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "history", "Download history");
        await Expect(page.GetByText("The exports of every partner.", new() { Exact = false })).ToBeVisibleAsync();

        var rows = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" });
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Partner" })).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = "한빛상사" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasText = "바다마켓" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Partner" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "바다마켓" }).ClickAsync();
        await Expect(rows.Filter(new() { HasText = "한빛상사" })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "바다마켓" })).ToHaveCountAsync(1);

        // The exports page lists every partner's too, and says so.
        var exports = await BrowserFixture.OpenSignedInAsync(context, "exports");
        await Expect(exports.GetByText("The list shows the exports of every partner.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(exports.GetByRole(AriaRole.Columnheader, new() { Name = "Partner" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1024, 768)]
    public async Task An_admins_export_rows_fit_without_sideways_scrolling_with_their_actions_in_view(int width, int height)
    {
        await using var context = await browser.NewContextAsync(portal.Host, size: new ViewportSize { Width = width, Height = height });
        var exports = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "exports", "Exports");
        var row = exports.GetByRole(AriaRole.Row).Filter(new() { HasText = "한빛상사" });
        await Expect(row).ToHaveCountAsync(1);
        await GridLayout.AssertRowFitsAsync(row, exports.GetByRole(AriaRole.Columnheader, new() { Name = "Actions" }),
            row.GetByRole(AriaRole.Progressbar), row.GetByRole(AriaRole.Link, new() { Name = "Download" }));

        var history = await BrowserFixture.OpenSignedInAsync(context, "history");
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "한빛상사" });
        await Expect(historyRow).ToHaveCountAsync(1);
        await GridLayout.AssertRowFitsAsync(historyRow, history.GetByRole(AriaRole.Columnheader, new() { Name = "Actions" }),
            historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" }), historyRow.GetByRole(AriaRole.Button, new() { Name = "Request again" }),
            historyRow.GetByRole(AriaRole.Button, new() { Name = "Delete" }));
        await GridLayout.AssertTitlesEndWithValuesAsync(historyRow, "Rows", "Size");
    }

    [Fact]
    public async Task At_1024_by_768_a_korean_partner_users_rows_fit_and_dates_do_not_break_inside_a_word()
    {
        await using var context = await browser.NewContextAsync(portal.Host, size: BrowserFixture.SmallLaptop);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Kim, "history", "Download history");
        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "다운로드 이력", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "주문" });
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "작업" }),
            row.GetByRole(AriaRole.Link, new() { Name = "다운로드" }), row.GetByRole(AriaRole.Button, new() { Name = "삭제" }));
        // Korean breaks between words only: every line of the request time starts a word.
        var time = row.Locator("time").First;
        Assert.Equal("keep-all", await time.EvaluateAsync<string>("t => getComputedStyle(t).wordBreak"));
    }
}
