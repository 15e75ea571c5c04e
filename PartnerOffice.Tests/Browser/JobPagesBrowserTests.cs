using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.App.Components.Pages.Jobs;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>An admin in a real chromium watches every partner's job executions, opens one and steers it; partner users are kept out.</summary>
public sealed class JobPagesBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    private const string OrdersCsv = """{"dataset":"orders","format":"csv"}""";

    [Fact]
    public async Task An_admin_sees_an_exports_execution_with_its_partner_and_opens_its_steps_and_partitions_with_their_counts()
    {
        using var kim = portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));
        var (_, executionId) = await portal.RequestExportAsync(kim, OrdersCsv);
        Assert.Equal(JobStatus.Completed, (await portal.WaitForJobAsync(executionId, JobStatus.Completed, JobStatus.Failed)).Status);
        var steps = (await portal.Services.GetRequiredService<IJobOperator>().GetAsync(executionId))!.Steps;
        Assert.Contains(steps, s => s.PartitionName is not null);

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "jobs", "Jobs");
        var row = ExecutionRow(page, executionId);
        await Expect(row).ToContainTextAsync("export");
        await Expect(row).ToContainTextAsync("한빛상사");
        await Expect(row).ToContainTextAsync(PortalHost.Kim.Email);
        await Expect(row.GetByTestId("job-status")).ToHaveTextAsync("Completed");
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "Duration" }));

        // The status filter asks the engine again: nothing failed here, and a second status adds the completed ones.
        await page.Locator(".po-job-filters").GetByRole(AriaRole.Combobox).Nth(2).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Failed", Exact = true }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByText("No job executions.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Completed", Exact = true }).ClickAsync();
        await Expect(row).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");

        await row.GetByRole(AriaRole.Link, new() { Name = Id(executionId), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Job execution {executionId}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator(".po-job-facts")).ToContainTextAsync("한빛상사");
        // An export's parameters say what was asked for and lead to its file; its partitions' counts say their unit.
        var parameters = page.GetByTestId("job-parameters");
        await Expect(parameters).ToContainTextAsync("Export 1 · Orders · csv");
        await Expect(parameters.GetByRole(AriaRole.Link, new() { Name = "Download the file" })).ToHaveAttributeAsync("href", "/exports/1/download");
        await Expect(page.GetByTestId("chunk-unit")).ToContainTextAsync("one chunk of up to");

        // Every step and partition, each with the counts the job repository holds, partitions under their step.
        var stepsGrid = page.Locator("table").Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Read", Exact = true }) });
        var rows = stepsGrid.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(steps.Count);
        var columns = (await stepsGrid.Locator("thead th").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var ordered = JobViews.StepsWithPartitions(steps);
        for (var i = 0; i < ordered.Count; i++)
        {
            var step = ordered[i];
            var cells = rows.Nth(i).Locator("td");
            await Expect(cells.Nth(columns.IndexOf("Step"))).ToContainTextAsync(step.PartitionName ?? step.StepName);
            await Expect(cells.Nth(columns.IndexOf("Status"))).ToHaveTextAsync("Completed");
            await Expect(cells.Nth(columns.IndexOf("Read"))).ToHaveTextAsync(Count(step.ReadCount));
            await Expect(cells.Nth(columns.IndexOf("Written"))).ToHaveTextAsync(Count(step.WriteCount));
            await Expect(cells.Nth(columns.IndexOf("Commits"))).ToHaveTextAsync(Count(step.CommitCount));
            await Expect(cells.Nth(columns.IndexOf("Rollbacks"))).ToHaveTextAsync(Count(step.RollbackCount));
            await Expect(cells.Nth(columns.IndexOf("Skipped"))).ToHaveTextAsync(Count(step.SkipCount));
        }
        await GridLayout.AssertRowFitsAsync(rows.Last, page.GetByRole(AriaRole.Columnheader, new() { Name = "Error" }));
        await GridLayout.AssertTitlesEndWithValuesAsync(rows.Last, "Read", "Written", "Commits", "Rollbacks", "Skipped");
        // The run log, newest line last: how it ended.
        await Expect(page.GetByTestId("run-log").Locator("tbody tr").Last).ToContainTextAsync("Ended Completed.");
    }

    [Fact]
    public async Task A_partner_user_is_refused_the_job_pages_and_is_not_shown_them()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(0);

        // Inside the circuit, where the router refuses.
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/jobs/1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access", Level = 1 })).ToBeVisibleAsync();

        // A full page load, where the endpoint refuses.
        foreach (var path in new[] { "jobs", "jobs/1" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access", Level = 1 })).ToBeVisibleAsync();
        }
    }

    /// <summary>The executions grid's row of one execution, found by its link.</summary>
    private static ILocator ExecutionRow(IPage page, long executionId) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Id(executionId), Exact = true }) });

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Count(long count) => count.ToString("N0", CultureInfo.GetCultureInfo("en-US"));
}
