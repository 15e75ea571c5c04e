using System.Globalization;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>
/// What a partner user sees of an export the test holds chunk by chunk: its progress on the home page, their own
/// cancel, and an operator's stop and restart, each on the open pages without a reload.
/// </summary>
public sealed class ExportLifecycleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const int ChunkRows = 50;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private readonly ExportChunkGate gate = new();
    private PortalHost portal = default!;

    public async Task InitializeAsync() => portal = await gate.StartPortalAsync(ChunkRows);

    public async Task DisposeAsync()
    {
        gate.ReleaseAll();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task The_home_page_shows_a_running_export_advance_and_then_offers_its_file()
    {
        var total = await portal.OrderCountAsync("HANBIT");
        await using var context = await browser.NewContextAsync(portal);
        var exports = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        var home = await BrowserFixture.OpenSignedInAsync(context, "");
        await Expect(home.GetByText("None of your exports is running.")).ToBeVisibleAsync();

        await RequestOrdersCsvAsync(exports);
        var inFlight = home.GetByTestId("in-flight").GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" });
        await Expect(inFlight.GetByRole(AriaRole.Progressbar, new() { Name = "Progress" })).ToHaveAttributeAsync("aria-valuenow", PercentOf(ChunkRows, total));
        await Expect(inFlight).ToContainTextAsync(RowsOf(ChunkRows, total));
        gate.ReleaseOne();
        await Expect(inFlight).ToContainTextAsync(RowsOf(2 * ChunkRows, total));

        gate.ReleaseAll();
        await Expect(home.GetByText("None of your exports is running.")).ToBeVisibleAsync();
        var file = home.GetByTestId("latest-files").GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" });
        await Expect(file).ToContainTextAsync(total.ToString("N0", English));
        var download = await BrowserFixture.DownloadWithReasonAsync(home, file.GetByRole(AriaRole.Link, new() { Name = "Download" }), "carrier reconciliation");
        Assert.EndsWith(".csv", download.SuggestedFilename);
    }

    [Fact]
    public async Task A_partner_user_cancels_a_running_export_through_a_red_cancel_export_button_and_it_says_no_file_will_come()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        var row = await RequestOrdersCsvAsync(page);
        // Held after its first chunk, and redrawn for it: no event moves the row under the click.
        await Expect(row).ToContainTextAsync(RowsOf(ChunkRows, await portal.OrderCountAsync("HANBIT")));

        await row.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Keep running" })).ToBeVisibleAsync();
        var confirm = dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel export" });
        // Red: a move that cannot be taken back.
        await Expect(confirm).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled-error"));
        await confirm.ClickAsync();

        // The cancel is honoured at the next chunk boundary: let the held chunk on once the job knows.
        await portal.WaitForJobAsync(LatestExecutionId(), JobStatus.Stopping, JobStatus.Cancelled);
        gate.ReleaseAll();
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Cancelled");
        await Expect(row.GetByTestId("export-status-reason")).ToHaveTextAsync("It will never have a file");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToHaveCountAsync(0);
        // Their own cancel is no news to them.
        await Expect(BrowserFixture.Toasts(page).Filter(new() { HasText = "operator" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_partner_user_sees_that_an_operator_stopped_their_export_that_it_resumes_when_restarted_and_then_that_it_completed()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        var row = await RequestOrdersCsvAsync(page);
        await Expect(row).ToContainTextAsync(RowsOf(ChunkRows, await portal.OrderCountAsync("HANBIT")));
        var history = await BrowserFixture.OpenSignedInAsync(context, "history");
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Running");

        var executionId = LatestExecutionId();
        var jobs = portal.Services.GetRequiredService<IJobOperator>();
        await jobs.StopAsync(executionId);
        gate.ReleaseOne();

        // Not "Failed 73 %": stopped, by whom, and what happens next.
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Stopped");
        await Expect(row.GetByTestId("export-status-reason")).ToHaveTextAsync("Stopped by an operator — it resumes when restarted");
        await Expect(BrowserFixture.Toasts(page).Filter(new() { HasText = "An operator stopped your orders export; it resumes when restarted." })).ToBeVisibleAsync();
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Stopped");
        await Expect(historyRow.GetByTestId("export-status-reason")).ToHaveTextAsync("Stopped by an operator — it resumes when restarted");
        await Expect(historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToHaveCountAsync(0);

        gate.ReleaseAll();
        await jobs.RestartAsync(executionId);
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Completed");
        await Expect(row.GetByTestId("export-status-reason")).ToHaveCountAsync(0);
        await Expect(historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToBeVisibleAsync();
        // A finished export can be made afresh from the history.
        await historyRow.GetByRole(AriaRole.Button, new() { Name = "Request again" }).ClickAsync();
        await Expect(BrowserFixture.Toasts(history).Filter(new() { HasText = "Your export was requested." })).ToBeVisibleAsync();
        await Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" })).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task At_1024_by_768_a_running_export_fits_its_row_in_korean_with_its_cancel_in_view()
    {
        var total = await portal.OrderCountAsync("HANBIT");
        await using var context = await browser.NewContextAsync(portal, size: BrowserFixture.SmallLaptop);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내보내기", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await page.GetByText("CSV", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "내보내기 요청" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "주문" }).Filter(new() { HasText = "csv" });
        await Expect(row).ToContainTextAsync(string.Create(CultureInfo.GetCultureInfo("ko-KR"), $"{total:N0}행 중 {ChunkRows:N0}행"));
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "작업" }),
            row.GetByRole(AriaRole.Progressbar, new() { Name = "진행률" }), row.GetByRole(AriaRole.Button, new() { Name = "취소" }));
    }

    private long LatestExecutionId() => portal.ScalarAsLong("SELECT JobExecutionId FROM ExportRequests ORDER BY Id DESC LIMIT 1");

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

    private static string PercentOf(int done, int total) => (done * 100L / total).ToString(CultureInfo.InvariantCulture);
}
