using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.Data;
using PartnerOffice.Tests.Exports;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>A partner user in a real chromium requests an export, watches it finish live, then downloads it from the history.</summary>
public class ExportPagesBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_partner_user_requests_an_export_sees_it_complete_live_and_downloads_it_from_the_history()
    {
        await using var context = await browser.NewContextAsync(portal);
        var page = await context.NewPageAsync();
        await page.GotoAsync("exports");
        await page.GetByLabel("E-mail").FillAsync(PortalHost.Kim.Email);
        await page.GetByLabel("Password").FillAsync(PortalHost.Kim.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exports", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // Orders is the preselected dataset.
        await page.GetByText("CSV", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request export" }).ClickAsync();

        // The row appears and reaches Completed through pushed job events: the page is never reloaded.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Completed");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your orders export is ready.")).ToBeVisibleAsync();

        var history = await context.NewPageAsync();
        await history.GotoAsync("history");
        await BrowserFixture.WaitUntilInteractiveAsync(history);
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Completed");
        var download = await history.RunAndWaitForDownloadAsync(() => historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());

        using var folder = new TempDirectory();
        var file = folder.File(download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var dataRows = ExportFiles.ReadCsv(file).Count - 1;
        Assert.Equal(await HanbitOrdersAsync(), dataRows);
    }

    private async Task<int> HanbitOrdersAsync()
    {
        var dbFactory = portal.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var hanbit = await db.Partners.Where(p => p.Code == "HANBIT").Select(p => p.Id).SingleAsync();
        return await db.Orders.CountAsync(o => o.PartnerId == hanbit);
    }
}
