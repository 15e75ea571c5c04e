using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
        var dialog = page.GetByRole(AriaRole.Alertdialog);
        await Expect(dialog).ToContainTextAsync($"Pause: {ExportCleanupJob.Name}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();

        await Expect(row.GetByTestId("schedule-state")).ToHaveTextAsync("Paused");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Resume {ExportCleanupJob.Name}" })).ToBeVisibleAsync();
        var stored = await portal.Services.GetRequiredService<JobRepository>().GetScheduleAsync(ExportCleanupJob.Name);
        Assert.True(stored!.Paused);
        Assert.Null(stored.NextFireAt);
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
