using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerOffice.Audit;
using PartnerOffice.Tests.Exports;
using PartnerOffice.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnerOffice.Tests.Browser;

/// <summary>Partner users in a real chromium: one requests an export, watches it finish live and downloads it; another partner's user sees none of it.</summary>
public class ExportPagesBrowserTests(PortalHost portal, BrowserFixture browser) : IClassFixture<PortalHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_partner_user_requests_an_export_sees_it_complete_live_and_downloads_it_from_the_history()
    {
        // A user of another partner has the exports page open the whole time: nothing of HANBIT's export may reach it.
        await using var otherPartner = await browser.NewContextAsync(portal);
        var leePage = await BrowserFixture.OpenExportsAsync(otherPartner, PortalHost.Lee);

        await using var context = await browser.NewContextAsync(portal);
        var page = await BrowserFixture.OpenExportsAsync(context, PortalHost.Kim);
        // Orders is the preselected dataset.
        await page.GetByText("CSV", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request export" }).ClickAsync();

        // The row appears and reaches Completed through pushed job events: the page is never reloaded.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("export-status")).ToHaveTextAsync("Completed");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your orders export is ready.")).ToBeVisibleAsync();
        // At 1280×800 beside the sidebar the whole row fits: no sideways scrolling to reach the time or the download.
        await GridLayout.AssertRowFitsAsync(row, page.GetByRole(AriaRole.Columnheader, new() { Name = "Requested" }),
            row.GetByRole(AriaRole.Progressbar), row.GetByRole(AriaRole.Link, new() { Name = "Download" }));

        var history = await BrowserFixture.OpenSignedInAsync(context, "history");
        var historyRow = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders" }).Filter(new() { HasText = "csv" });
        await Expect(historyRow.GetByTestId("export-status")).ToHaveTextAsync("Completed");
        // At 1280×800 beside the sidebar the whole row fits: no sideways scrolling to reach the expiry or the actions.
        await GridLayout.AssertRowFitsAsync(historyRow, history.GetByRole(AriaRole.Columnheader, new() { Name = "Expires" }),
            historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" }), historyRow.GetByRole(AriaRole.Button, new() { Name = "Delete" }));
        await GridLayout.AssertTitlesEndWithValuesAsync(historyRow, "Rows", "Size");
        // Orders name their recipients: the portal asks why before handing the file out, and keeps the answer.
        var download = await BrowserFixture.DownloadWithReasonAsync(history, historyRow.GetByRole(AriaRole.Link, new() { Name = "Download" }),
            "Monthly shipping reconciliation");
        var downloads = await portal.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery { Actions = [AuditAction.ExportDownloaded] });
        Assert.Contains(downloads.Items, e => e.Detail == "Monthly shipping reconciliation" && e.Actor == PortalHost.Kim.Email);

        using var folder = new TempDirectory();
        var file = folder.File(download.SuggestedFilename);
        await download.SaveAsAsync(file);
        Assert.Equal(await portal.OrderCountAsync("HANBIT"), ExportFiles.ReadCsv(file).Count - 1);

        await Expect(leePage.GetByText("No exports yet.")).ToBeVisibleAsync();
        await Expect(leePage.GetByText("Your orders export is ready.")).ToHaveCountAsync(0);
    }
}
