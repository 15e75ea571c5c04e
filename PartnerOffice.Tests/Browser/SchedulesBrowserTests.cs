using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.App.Localization;
using PartnerOffice.Exports;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>An admin in a real chromium pauses a schedule; partner users are kept out.</summary>
public sealed class SchedulesBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_pauses_a_schedule_after_confirming_and_sees_it_paused()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "schedules", "Schedules");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator($"[data-schedule-name='{ExportCleanupJob.Name}']") });
        await Expect(row).ToContainTextAsync("0 0 * * * ?");
        await Expect(row.GetByTestId("schedule-state")).ToHaveTextAsync("Active");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Pause {ExportCleanupJob.Name}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Pause: {ExportCleanupJob.Name}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();

        await Expect(row.GetByTestId("schedule-state")).ToHaveTextAsync("Paused");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Resume {ExportCleanupJob.Name}" })).ToBeVisibleAsync();
        var stored = await portal.Services.GetRequiredService<JobRepository>().GetScheduleAsync(ExportCleanupJob.Name);
        Assert.True(stored!.Paused);
        Assert.Null(stored.NextFireAt);
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1024, 768)]
    public async Task A_schedules_row_fits_with_its_actions_in_view_and_its_next_run_reads_in_the_schedules_zone_and_the_users(int width, int height)
    {
        await using var context = await browser.NewContextAsync(portal, size: new ViewportSize { Width = width, Height = height });
        var page = await BrowserFixture.OpenAsync(context, PortalHost.Admin, "schedules", "Schedules");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator($"[data-schedule-name='{ExportCleanupJob.Name}']") });
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "Actions" }),
            row.GetByRole(AriaRole.Button, new() { Name = $"Pause {ExportCleanupJob.Name}" }),
            row.GetByRole(AriaRole.Button, new() { Name = $"Run now {ExportCleanupJob.Name}" }));

        // The cleanup runs on the hour in UTC; the admin lives in Asia/Seoul.
        var next = (await portal.Services.GetRequiredService<JobRepository>().GetScheduleAsync(ExportCleanupJob.Name))!.NextFireAt!.Value;
        var english = CultureInfo.GetCultureInfo("en-US");
        var cell = row.GetByTestId("next-fire");
        await Expect(cell).ToContainTextAsync($"{UserTime.Format(next, "UTC", culture: english)} UTC");
        await Expect(cell.GetByTestId("next-fire-user")).ToHaveTextAsync($"{UserTime.Format(next, "Asia/Seoul", culture: english)} your time");
    }

    [Fact]
    public async Task A_partner_user_is_refused_the_schedules_page()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Schedules" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("schedules");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access", Level = 1 })).ToBeVisibleAsync();
    }
}
