using System.Globalization;
using Microsoft.Playwright;
using PartnerOffice.Tests.Exports;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>
/// A partner user in a real chromium watches exports that the test holds after every chunk, so each step is seen:
/// progress that advances without a reload, an export that outlives its page, an ending pushed to the open pages.
/// </summary>
public sealed class HeldExportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");
    private readonly ExportChunkGate gate = new();
    private PortalHost? host;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever the test left held runs on, so the host stops at once.
        gate.ReleaseAll();
        if (host is not null) await host.DisposeAsync();
    }

    [Fact]
    public async Task A_50000_row_export_advances_live_goes_on_after_its_page_is_closed_and_downloads_whole_from_the_history()
    {
        const int chunkRows = 5_000;
        // HANBIT gets about 60 % of the orders: about 50,000.
        var portal = await StartPortalAsync(orders: 83_500, chunkRows);
        var total = await portal.OrderCountAsync("HANBIT");
        Assert.InRange(total, 48_000, 52_000);

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        var row = await RequestOrdersCsvAsync(page);
        var bar = row.GetByRole(AriaRole.Progressbar);

        // The first chunk is written and held there.
        await Expect(row).ToContainTextAsync(RowsOf(chunkRows, total));
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", PercentOf(chunkRows, total));

        // One more chunk: its progress is pushed to the open page.
        gate.ReleaseOne();
        await Expect(row).ToContainTextAsync(RowsOf(2 * chunkRows, total));
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", PercentOf(2 * chunkRows, total));
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Running");

        // The export belongs to the server, not to the page that asked for it.
        await page.CloseAsync();
        gate.ReleaseAll();

        var history = await BrowserFixture.OpenSignedInAsync(context, "history");
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Completed");
        await Expect(historyRow).ToContainTextAsync(total.ToString("N0", English));
        var download = await BrowserFixture.DownloadWithReasonAsync(history, historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" }), "carrier reconciliation");

        using var folder = new TempDirectory();
        var file = folder.File(download.SuggestedFilename);
        await download.SaveAsAsync(file);
        Assert.Equal(total, ExportFiles.ReadCsv(file).Count - 1);
    }

    [Fact]
    public async Task An_export_that_fails_mid_way_shows_failed_and_why_on_the_open_pages_without_a_reload()
    {
        const int chunkRows = 50;
        var portal = await StartPortalAsync(PortalHost.DemoOrders, chunkRows);
        var total = await portal.OrderCountAsync("HANBIT");

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        var row = await RequestOrdersCsvAsync(page);
        await Expect(row).ToContainTextAsync(RowsOf(chunkRows, total));
        var history = await BrowserFixture.OpenSignedInAsync(context, "history");
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Running");

        gate.Fail(new IOException("No space left on device"));

        // Only the job's after-job listener marks the export failed: the pages show it once the job's ending arrives.
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Failed");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToHaveCountAsync(0);
        var toast = BrowserFixture.Toasts(page).Filter(new() { HasText = "Your orders export failed" });
        await Expect(toast).ToContainTextAsync("The server does not have enough disk space for the file");
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Failed");
        // Why, and that no file will come: requesting it again is the way to one.
        await Expect(historyRow.GetByTestId("export-status-reason")).ToContainTextAsync("The server does not have enough disk space for the file");
        await Expect(historyRow.GetByTestId("export-status-reason")).ToContainTextAsync("it will never have a file");
        await Expect(historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToHaveCountAsync(0);
        await Expect(historyRow.GetByRole(AriaRole.Button, new() { Name = "Request again" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task At_1280_by_800_a_running_export_fits_its_row_in_english_and_korean_and_the_finished_one_its_history_row()
    {
        const int chunkRows = 50;
        var portal = await StartPortalAsync(PortalHost.DemoOrders, chunkRows);
        var total = await portal.OrderCountAsync("HANBIT");

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        var row = await RequestOrdersCsvAsync(page);
        // Held after its first chunk: the row shows everything a running export has (bar, rows, time left, Cancel).
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Running");
        await Expect(row.GetByRole(AriaRole.Progressbar)).ToContainTextAsync($"{PercentOf(chunkRows, total)}%");
        var cancel = row.GetByRole(AriaRole.Button, new() { Name = "Cancel" });
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "Requested" }),
            row.GetByRole(AriaRole.Progressbar), row.GetByText(RowsOf(chunkRows, total)), cancel);
        // Cancel is an icon that still does its job: it asks first.
        await cancel.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Keep running" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Running");

        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내보내기", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var koreanRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "주문" }).Filter(new() { HasText = "csv" });
        await Expect(koreanRow.GetByTestId("export-status")).ToHaveTextAsync("실행 중");
        await GridLayout.AssertRowFitsAsync(koreanRow, page.GetByRole(AriaRole.Columnheader, new() { Name = "요청일" }),
            koreanRow.GetByRole(AriaRole.Progressbar), koreanRow.GetByText(KoreanRowsOf(chunkRows, total)),
            koreanRow.GetByRole(AriaRole.Button, new() { Name = "취소" }));

        gate.ReleaseAll();
        var download = koreanRow.GetByRole(AriaRole.Link, new() { Name = "다운로드" });
        await Expect(download).ToBeVisibleAsync();
        // Redrawn on a job event from the engine's thread, the row still speaks the user's language.
        await Expect(koreanRow.GetByTestId("export-status")).ToHaveTextAsync("완료");
        await GridLayout.AssertRowFitsAsync(koreanRow, download);

        var history = await BrowserFixture.OpenSignedInAsync(context, "history");
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "주문" }).Filter(new() { HasText = "csv" });
        var historyDownload = historyRow.GetByRole(AriaRole.Link, new() { Name = "다운로드" });
        await Expect(historyDownload).ToBeVisibleAsync();
        await GridLayout.AssertRowFitsAsync(historyRow, history.GetByRole(AriaRole.Columnheader, new() { Name = "만료일" }),
            historyDownload, historyRow.GetByRole(AriaRole.Button, new() { Name = "삭제" }));
        await GridLayout.AssertTitlesEndWithValuesAsync(historyRow, "행 수", "크기");
    }

    /// <summary>A portal of this test's own whose export jobs wait at the gate after every chunk; disposed with the test.</summary>
    private async Task<PortalHost> StartPortalAsync(int orders, int chunkRows) => host = await gate.StartPortalAsync(chunkRows, orders);

    /// <summary>Requests an unfiltered orders export as CSV (orders is preselected); returns its row on the page.</summary>
    private static async Task<ILocator> RequestOrdersCsvAsync(IPage page)
    {
        await page.GetByText("CSV", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request export" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    private static string RowsOf(int done, int total) => string.Create(English, $"{done:N0} of {total:N0} rows");

    private static string KoreanRowsOf(int done, int total) => string.Create(Korean, $"{total:N0}행 중 {done:N0}행");

    /// <summary>Whole percent, rounded down, as the bar shows a running export.</summary>
    private static string PercentOf(int done, int total) => (done * 100L / total).ToString(CultureInfo.InvariantCulture);
}
