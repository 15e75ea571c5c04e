using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>An operator's day in a real chromium: a schedule's cron edited with its fires previewed, the failed runs of a job retried, a user locked.</summary>
public sealed class OperatorConsoleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Flaky = "flaky", Steady = "steady";
    private readonly FailSwitch failing = new();
    private PortalHost portal = default!;

    public async Task InitializeAsync() => portal = await PortalHost.StartAsync(configure: builder => failing.AddJobs(builder, Flaky, Steady));

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task An_admin_edits_a_schedules_cron_sees_the_next_fires_before_saving_and_the_schedule_keeps_the_new_timing()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "schedules", "Schedules");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator($"[data-schedule-name='{ExportCleanupJob.Name}']") });

        await row.GetByRole(AriaRole.Button, new() { Name = $"Edit timing {ExportCleanupJob.Name}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var cron = dialog.GetByTestId("edit-cron");
        await cron.FillAsync("0 30 2 ? * MON");
        // Five Mondays at 02:30 in the schedule's zone (UTC), before anything is saved.
        var fires = dialog.GetByTestId("next-fires").Locator("li");
        await Expect(fires).ToHaveCountAsync(5);
        foreach (var fire in await fires.AllInnerTextsAsync()) Assert.Contains("Monday", fire);
        await Expect(fires.First).ToContainTextAsync("2:30");
        Assert.Equal("0 0 * * * ?", (await portal.Services.GetRequiredService<JobRepository>().GetScheduleAsync(ExportCleanupJob.Name))!.CronExpression);

        await cron.FillAsync("0 61 * * * ?");
        await Expect(dialog.GetByTestId("edit-save")).ToBeDisabledAsync();
        await cron.FillAsync("0 30 2 ? * MON");
        await dialog.GetByTestId("edit-save").ClickAsync();

        await Expect(row).ToContainTextAsync("0 30 2 ? * MON");
        await Expect(row.GetByTestId("schedule-edited")).ToHaveTextAsync("Edited");
        var stored = (await portal.Services.GetRequiredService<JobRepository>().GetScheduleAsync(ExportCleanupJob.Name))!;
        Assert.Equal(("0 30 2 ? * MON", DayOfWeek.Monday), (stored.CronExpression, stored.NextFireAt!.Value.DayOfWeek));
    }

    [Fact]
    public async Task An_admin_retries_every_failed_execution_of_one_job_after_confirming_their_count_and_the_others_stay_failed()
    {
        var launcher = portal.Services.GetRequiredService<IJobLauncher>();
        var flaky = new List<long>();
        var steady = new List<long>();
        for (var n = 0; n < 3; n++) flaky.Add((await launcher.EnqueueAsync(Flaky, JobParameters.Empty.With("n", n))).Id);
        steady.Add((await launcher.EnqueueAsync(Steady, JobParameters.Empty.With("n", 0))).Id);
        foreach (var id in flaky.Concat(steady)) await portal.WaitForJobAsync(id, JobStatus.Failed);
        failing.On = false;

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "jobs", "Jobs");
        var steadyRow = page.Locator($"[data-execution-id='{steady[0]}']");
        await Expect(steadyRow).ToBeVisibleAsync();
        await page.GetByTestId("job-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = Flaky, Exact = true }).ClickAsync();
        // The filter is applied once the grid shows it: the other job's execution is gone from it.
        await Expect(steadyRow).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry failed" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Restart 3 failed executions");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Retry failed" }).ClickAsync();
        await Expect(page.GetByText("3 failed executions restarted.")).ToBeVisibleAsync();

        foreach (var id in flaky) Assert.Equal(JobStatus.Completed, (await portal.WaitForJobAsync(id, JobStatus.Completed)).Status);
        var operators = portal.Services.GetRequiredService<IJobOperator>();
        Assert.Equal(JobStatus.Failed, (await operators.GetAsync(steady[0]))!.Execution.Status);
    }

    [Fact]
    public async Task An_admin_creates_a_partner_user_sees_the_password_once_and_locks_the_account_after_confirming()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "users", "Users and partners");
        var form = page.GetByTestId("new-user-form");
        await form.GetByTestId("new-user-email").FillAsync("choi@bada.example");
        await form.GetByTestId("new-user-partner").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "바다마켓" }).ClickAsync();
        await form.GetByTestId("create-user").ClickAsync();

        var password = await page.GetByTestId("shown-password").InnerTextAsync();
        Assert.True(password.Length >= 8);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-user-email='choi@bada.example']") });
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("Active");

        await row.GetByRole(AriaRole.Button, new() { Name = "Lock choi@bada.example" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Lock", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("Locked");
        Assert.NotEqual(System.Net.HttpStatusCode.Found,
            (await PortalHost.PostLoginFormAsync(portal.CreateClient(), "choi@bada.example", password)).StatusCode);
    }
}
