using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.App.Localization;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>
/// An admin in a real chromium deals with a failed export: the test holds the export after every chunk and fails it,
/// so what the admin sees (failed and why, the restart going on live, a move raced by another operator) is certain.
/// </summary>
public sealed class FailedJobBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const int ChunkRows = 50;
    private readonly ExportChunkGate gate = new();
    private PortalHost portal = default!;

    // HANBIT's orders take several chunks, one after another.
    public async Task InitializeAsync() => portal = await gate.StartPortalAsync(ChunkRows);

    public async Task DisposeAsync()
    {
        // Whatever the test left held runs on, so the host stops at once.
        gate.ReleaseAll();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_export_shows_why_and_an_admin_restarts_it_from_its_page_and_sees_it_complete_live()
    {
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (exportId, executionId) = await FailAnExportAsync(kim);
        var total = await portal.OrderCountAsync("HANBIT");

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "jobs", "Jobs");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = ExecutionLink(page, executionId) });
        await Expect(row.GetByTestId("job-status")).ToHaveTextAsync("Failed");
        await Expect(row.GetByTestId("job-error")).ToContainTextAsync("TimeoutException: The database did not answer in time");
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "Duration" }),
            row.GetByRole(AriaRole.Button, new() { Name = $"Restart {executionId}" }), row.GetByRole(AriaRole.Button, new() { Name = $"Abandon {executionId}" }));

        await ExecutionLink(page, executionId).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Job execution {executionId}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Failed");
        await Expect(page.GetByTestId("job-error")).ToContainTextAsync("The database did not answer in time");

        await page.GetByRole(AriaRole.Button, new() { Name = "Restart", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Restart execution {executionId}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Restart", Exact = true }).ClickAsync();
        // Queued, unless a polling worker claimed it before the operator read it back.
        await Expect(BrowserFixture.Toasts(page)).ToContainTextAsync(new Regex($"Execution {executionId} is now (Queued|Running)\\."));

        // The rerun goes on from its checkpoint and is held after its next chunk: the page shows it running there.
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("job-progress")).ToHaveTextAsync(string.Create(CultureInfo.GetCultureInfo("en-US"), $"{3 * ChunkRows:N0} / {total:N0}"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Restart", Exact = true })).ToHaveCountAsync(0);

        gate.ReleaseAll();
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("job-error")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true })).ToHaveCountAsync(0);

        var export = await kim.GetFromJsonAsync<JsonElement>($"/api/exports/{exportId}");
        Assert.Equal("Completed", export.GetProperty("status").GetString());
        Assert.Equal(total, export.GetProperty("rowCount").GetInt64());
    }

    [Fact]
    public async Task A_move_another_operator_made_first_is_reported_on_the_korean_page_rather_than_failing_it()
    {
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (_, executionId) = await FailAnExportAsync(kim);

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, $"jobs/{executionId}", $"Job execution {executionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = $"작업 실행 {executionId}", Level = 1 });
        await Expect(heading).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "재시작", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();

        // While this admin reads the question, another one abandons the execution.
        var abandoned = await portal.Services.GetRequiredService<IJobOperator>().AbandonAsync(executionId);
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("폐기됨");
        // Redrawn on a job event from the engine's thread, the page still speaks the user's language.
        var ended = UserTime.Format(abandoned.EndedAt!.Value, "Asia/Seoul", culture: CultureInfo.GetCultureInfo("ko"));
        var endedValue = page.Locator(".po-job-facts").GetByText("종료", new() { Exact = true }).Locator("xpath=following-sibling::dd[1]");
        await Expect(endedValue).ToHaveTextAsync(ended);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "재시작", Exact = true }).ClickAsync();
        await Expect(BrowserFixture.Toasts(page)).ToContainTextAsync($"실행 {executionId}: 지금 폐기됨 상태라서 재시작할 수 없습니다.");
        await Expect(heading).ToBeVisibleAsync();
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("폐기됨");
    }

    [Fact]
    public async Task At_1024_by_768_in_korean_a_failed_executions_row_fits_with_its_actions_in_view_and_its_email_wraps_only_between_parts()
    {
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (_, executionId) = await FailAnExportAsync(kim);

        await using var context = await browser.NewContextAsync(portal, size: BrowserFixture.SmallLaptop);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "jobs", "Jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "작업", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = ExecutionLink(page, executionId) });
        await Expect(row.GetByTestId("job-status")).ToHaveTextAsync("실패");
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "동작" }),
            row.GetByRole(AriaRole.Button, new() { Name = $"재시작 {executionId}" }), row.GetByRole(AriaRole.Button, new() { Name = $"폐기 {executionId}" }));

        // kim@ · hanbit. · example: each part on one line, wherever the address wraps.
        var email = row.Locator(".po-email");
        await Expect(email).ToHaveTextAsync(PortalHost.Kim.Email);
        var linesPerPart = await email.EvaluateAsync<int[]>("""
            e => [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).map(n => {
                const range = document.createRange();
                range.selectNodeContents(n);
                return range.getClientRects().length;
            })
            """);
        Assert.Equal(3, linesPerPart.Length);
        Assert.All(linesPerPart, lines => Assert.Equal(1, lines));
    }

    /// <summary>Kim requests HANBIT's orders as CSV; two chunks commit, and the job fails right after the second.</summary>
    private async Task<(long ExportId, long ExecutionId)> FailAnExportAsync(HttpClient kim)
    {
        var requested = await portal.RequestExportAsync(kim, """{"dataset":"orders","format":"csv"}""");
        gate.ReleaseOne();
        gate.Fail(new TimeoutException("The database did not answer in time"));
        Assert.Equal(JobStatus.Failed, (await portal.WaitForJobAsync(requested.ExecutionId, JobStatus.Failed, JobStatus.Completed)).Status);
        return requested;
    }

    private static ILocator ExecutionLink(IPage page, long executionId) =>
        page.GetByRole(AriaRole.Link, new() { Name = executionId.ToString(CultureInfo.InvariantCulture), Exact = true });

}
