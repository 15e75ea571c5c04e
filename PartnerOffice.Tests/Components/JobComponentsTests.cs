using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerOffice.App.Components.Layout;
using PartnerOffice.App.Components.Pages.Jobs;
using PartnerOffice.App.Components.Pages.Schedules;
using PartnerOffice.App.Localization;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Components;

/// <summary>The admin job components over the real engine of a portal whose workers are off (executions stay queued).</summary>
public class JobComponentsTests : PortalComponentTest, IClassFixture<QueuedExportsPortal>
{
    private readonly QueuedExportsPortal portal;

    public JobComponentsTests(QueuedExportsPortal portal)
    {
        this.portal = portal;
        portal.AddTo(Services);
        Services.AddSingleton(portal.Portal.Services.GetRequiredService<IScheduleOperator>());
        Services.AddSingleton(portal.Portal.Services.GetRequiredService<PartnerOffice.Jobs.Definition.JobRegistry>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public static TheoryData<JobStatus> JobStatuses() => new(Enum.GetValues<JobStatus>());

    public static TheoryData<StepStatus> StepStatuses() => new(Enum.GetValues<StepStatus>());

    [Theory]
    [MemberData(nameof(JobStatuses))]
    public void Every_job_status_has_a_name_in_english_and_in_korean(JobStatus status)
    {
        var english = Render<JobStatusChip>(p => p.Add(x => x.Status, status)).Find("[data-testid=job-status]").TextContent.Trim();
        UseCulture("ko");
        var korean = Render<JobStatusChip>(p => p.Add(x => x.Status, status)).Find("[data-testid=job-status]").TextContent.Trim();

        Assert.Equal(status.ToString(), english);
        Assert.NotEqual(english, korean);
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
    }

    [Theory]
    [MemberData(nameof(StepStatuses))]
    public void Every_step_status_has_a_name_in_english_and_in_korean(StepStatus status)
    {
        var english = Render<JobStatusChip>(p => p.Add(x => x.Step, status)).Find("[data-testid=step-status]").TextContent.Trim();
        UseCulture("ko");
        var korean = Render<JobStatusChip>(p => p.Add(x => x.Step, status)).Find("[data-testid=step-status]").TextContent.Trim();

        Assert.Equal(status.ToString(), english);
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
    }

    [Theory]
    [InlineData(JobStatus.Completed, "success")]
    [InlineData(JobStatus.Failed, "danger")]
    [InlineData(JobStatus.Running, "info")]
    [InlineData(JobStatus.Stopped, "warning")]
    [InlineData(JobStatus.Queued, "neutral")]
    public void A_status_reads_in_its_tone(JobStatus status, string tone) =>
        Assert.Contains($"po-status-{tone}", Render<JobStatusChip>(p => p.Add(x => x.Status, status)).Find("[data-testid=job-status]").ClassName);

    [Theory]
    [InlineData(JobStatus.Queued, "Stop,Cancel")]
    [InlineData(JobStatus.Running, "Stop,Cancel")]
    [InlineData(JobStatus.Failed, "Restart,Abandon")]
    [InlineData(JobStatus.Stopped, "Restart,Abandon")]
    [InlineData(JobStatus.Completed, "")]
    [InlineData(JobStatus.Cancelled, "")]
    [InlineData(JobStatus.Abandoned, "")]
    public void An_execution_offers_the_moves_its_status_allows(JobStatus status, string moves)
    {
        var actions = Render<JobActions>(p => p.Add(x => x.Execution, new JobExecution { Id = 9, JobName = "export", Status = status }));

        Assert.Equal(moves, string.Join(",", actions.FindAll("button").Select(b => b.TextContent.Trim())));
    }

    [Fact]
    public async Task Cancelling_a_queued_execution_asks_first_in_red_and_then_cancels_it_and_says_so()
    {
        var export = await portal.RequestAsync(portal.Admin, "products", partner: "BADA");
        var execution = (await Services.GetRequiredService<IJobOperator>().GetAsync(export.JobExecutionId!.Value))!.Execution;
        var providers = Render<ProvidersForTest>();
        var actions = Render<JobActions>(p => p.Add(x => x.Execution, execution).AddCascadingValue(portal.Admin));

        actions.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        var dialog = providers.WaitForElement("[role=dialog]");
        Assert.Equal($"Cancel execution {execution.Id}", dialog.QuerySelector("h6")!.TextContent);
        var confirm = providers.Find("[data-testid=confirm-yes]");
        Assert.Contains("mud-button-filled-error", confirm.ClassName);
        await confirm.ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains($"Execution {execution.Id} is now Cancelled.", providers.Find(".mud-snackbar").TextContent));
        Assert.Equal(JobStatus.Cancelled, (await Services.GetRequiredService<IJobOperator>().GetAsync(execution.Id))!.Execution.Status);
    }

    [Fact]
    public async Task A_schedules_next_run_shows_in_the_schedules_zone_and_in_the_users()
    {
        var seoul = portal.Admin with { TimeZone = "Asia/Seoul" };
        var page = Render<Schedules>(p => p.AddCascadingValue(seoul));

        var row = page.WaitForElement($"[data-schedule-name='{ExportCleanupJob.Name}']").Closest("tr")!;
        var next = (await portal.Portal.Services.GetRequiredService<JobRepository>().GetScheduleAsync(ExportCleanupJob.Name))!.NextFireAt!.Value;
        var cell = row.QuerySelector("[data-testid=next-fire]")!;
        Assert.Contains($"{UserTime.Format(next, "UTC")} UTC", cell.TextContent);
        Assert.Equal($"{UserTime.Format(next, "Asia/Seoul")} your time", cell.QuerySelector("[data-testid=next-fire-user]")!.TextContent.Trim());
        Assert.Equal("Active", row.QuerySelector("[data-testid=schedule-state]")!.TextContent.Trim());
        Assert.Equal("Every hour, on the hour", row.QuerySelector("[data-testid=cron-words]")!.TextContent.Trim());
        var fires = row.QuerySelectorAll("[data-testid=next-fires] li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, fires.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains(UserTime.Format(next.AddHours(i), "UTC"), fires[i]);
            Assert.Contains($"{UserTime.Format(next.AddHours(i), "Asia/Seoul")} your time", fires[i]);
        }

        // A user in the schedule's own zone reads the time once.
        page = Render<Schedules>(p => p.AddCascadingValue(portal.Admin));
        Assert.Empty(page.WaitForElement("[data-testid=next-fire]").QuerySelectorAll("[data-testid=next-fire-user]"));
    }

    [Fact]
    public async Task Selected_executions_move_together_and_those_whose_status_forbids_it_are_counted_not_failed()
    {
        var operators = Services.GetRequiredService<IJobOperator>();
        var first = await portal.RequestAsync(portal.Admin, "orders", partner: "BADA", filters: new() { ["status"] = "Paid" });
        var second = await portal.RequestAsync(portal.Admin, "orders", partner: "BADA", filters: new() { ["status"] = "Shipped" });
        var ended = await portal.RequestAsync(portal.Admin, "orders", partner: "BADA", filters: new() { ["status"] = "Delivered" });
        await operators.CancelAsync(ended.JobExecutionId!.Value);
        var providers = Render<ProvidersForTest>();
        var page = Render<PartnerOffice.App.Components.Pages.Jobs.Jobs>(p => p.AddCascadingValue(portal.Admin));

        var picked = 0;
        foreach (var export in new[] { first, second, ended })
        {
            var box = $"input[aria-label='Select execution {export.JobExecutionId}']";
            var expected = $"{++picked} selected";
            // The grid may still be drawing its first page when a box is ticked: tick it again until the selection shows it.
            page.WaitForAssertion(() =>
            {
                if (page.FindAll("[data-testid=selected-count]") is not [var count] || count.TextContent.Trim() != expected) page.Find(box).Change(true);
                Assert.Equal(expected, page.Find("[data-testid=selected-count]").TextContent.Trim());
            });
        }
        page.FindAll("[data-testid=bulk-actions] button").Single(b => b.TextContent.Trim() == "Cancel selected").Click();
        var dialog = providers.WaitForElement("[role=dialog]");
        Assert.Equal("Cancel selected: 3 executions", dialog.QuerySelector("h6")!.TextContent);
        Assert.Contains("mud-button-filled-error", providers.Find("[data-testid=confirm-yes]").ClassName);
        await providers.Find("[data-testid=confirm-yes]").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("Cancel selected: 2 done, 1 left as they were", providers.Find(".mud-snackbar").TextContent));
        foreach (var export in new[] { first, second })
            Assert.Equal(JobStatus.Cancelled, (await operators.GetAsync(export.JobExecutionId!.Value))!.Execution.Status);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=selected-count]")));
    }

    [Fact]
    public async Task Ran_more_than_once_keeps_only_executions_that_were_restarted_or_taken_over()
    {
        await portal.RequestAsync(portal.Admin, "products", partner: "HANBIT", format: "json");
        var page = Render<PartnerOffice.App.Components.Pages.Jobs.Jobs>(p => p.AddCascadingValue(portal.Admin));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-execution-id]")));

        // Queued and never run yet: none of them ran twice.
        page.Find("input[data-testid=ran-more-than-once], [data-testid=ran-more-than-once] input").Change(true);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-execution-id]")));
        Assert.Contains("No job executions.", page.Markup);
    }

    [Fact]
    public async Task Retry_failed_says_so_when_no_failed_execution_matches_the_filter()
    {
        var providers = Render<ProvidersForTest>();
        var page = Render<PartnerOffice.App.Components.Pages.Jobs.Jobs>(p => p.AddCascadingValue(portal.Admin));

        await page.WaitForElement(".po-job-retry").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("No failed execution matches the filter.", providers.Find(".mud-snackbar").TextContent));
        Assert.Empty(providers.FindAll("[role=dialog]"));
    }

    [Fact]
    public async Task A_schedules_timing_is_edited_in_a_dialog_that_previews_its_next_fires_and_refuses_what_cannot_run()
    {
        var schedules = Services.GetRequiredService<IScheduleOperator>();
        var providers = Render<ProvidersForTest>();
        var page = Render<Schedules>(p => p.AddCascadingValue(portal.Admin with { TimeZone = "Asia/Seoul" }));
        try
        {
            // Not awaited: the page waits for the dialog to close.
            page.WaitForElement($"button[aria-label='Edit timing {ExportCleanupJob.Name}']").Click();
            var cron = providers.WaitForElement("input[data-testid=edit-cron], [data-testid=edit-cron] input");

            cron.Input("0 30 9 ? * MON-FRI");
            providers.WaitForAssertion(() => Assert.Equal(5, providers.FindAll("[data-testid=next-fires] li").Count));
            Assert.Contains("your time", providers.Find("[data-testid=next-fires] li").TextContent);

            providers.Find("input[data-testid=edit-cron], [data-testid=edit-cron] input").Input("now and then");
            providers.WaitForAssertion(() => Assert.Contains("Not a cron expression", providers.Markup));
            Assert.True(providers.Find("[data-testid=edit-save]").HasAttribute("disabled"));

            providers.Find("input[data-testid=edit-cron], [data-testid=edit-cron] input").Input("0 30 9 ? * MON-FRI");
            await providers.Find("[data-testid=edit-save]").ClickAsync(new());

            providers.WaitForAssertion(() => Assert.Contains($"Schedule {ExportCleanupJob.Name} runs on its new timing.", providers.Find(".mud-snackbar").TextContent));
            var stored = (await schedules.ListAsync()).Single(s => s.Schedule.Name == ExportCleanupJob.Name).Schedule;
            Assert.Equal(("0 30 9 ? * MON-FRI", true), (stored.CronExpression, stored.Edited));
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=schedule-edited]")));
        }
        finally
        {
            await schedules.ResetAsync(ExportCleanupJob.Name);
        }
    }

    [Fact]
    public void The_language_switch_offers_each_language_by_its_own_name_marks_the_current_one_and_comes_back_to_the_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("history?page=2");
        UseCulture("ko");

        var links = Render<LanguageSwitch>().FindAll("a");

        Assert.Equal(["English", "한국어"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal(["en", "ko"], links.Select(a => a.GetAttribute("lang")));
        Assert.Null(links[0].GetAttribute("aria-current"));
        Assert.Equal("true", links[1].GetAttribute("aria-current"));
        Assert.Equal(PortalCultures.SwitchUrl("en", "/history?page=2"), links[0].GetAttribute("href"));
    }

    /// <summary>The dialog and toast providers the layout renders, in one component.</summary>
    private sealed class ProvidersForTest : ComponentBase
    {
        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
        }
    }
}
