using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerOffice.App.Components.Pages.Exports;
using ExportsPage = PartnerOffice.App.Components.Pages.Exports.Exports;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Components;

/// <summary>The exports page's form over the real export service: what the service refuses is said under the field it concerns.</summary>
public class ExportFormTests : PortalComponentTest, IClassFixture<QueuedExportsPortal>
{
    private readonly QueuedExportsPortal portal;

    public ExportFormTests(QueuedExportsPortal portal)
    {
        this.portal = portal;
        portal.AddTo(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task A_start_after_the_end_is_said_under_the_start_date_and_nothing_is_requested()
    {
        var before = (await portal.Exports.ListAsync(portal.Kim.AsExportCaller(), 1, 1)).Total;
        var page = Render<ExportsPage>(p => p.AddCascadingValue(portal.Kim));

        page.Find("[data-field='filters.from'] input").Change("2026-03-02");
        page.Find("[data-field='filters.to'] input").Change("2026-03-01");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("The start date is after the end date.",
            page.Find("[data-field='filters.from'] .mud-input-helper-text").TextContent.Trim()));
        Assert.Equal("true", page.Find("[data-field='filters.from'] input").GetAttribute("aria-invalid"));
        Assert.Empty(page.FindAll("[data-field='filters.to'] .mud-input-helper-text"));
        Assert.Equal(before, (await portal.Exports.ListAsync(portal.Kim.AsExportCaller(), 1, 1)).Total);
    }

    [Fact]
    public async Task An_admin_who_names_no_partner_is_told_so_under_the_partner_field_in_korean()
    {
        UseCulture("ko");
        var page = Render<ExportsPage>(p => p.AddCascadingValue(portal.Admin));

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("관리자는 데이터를 내보낼 파트너의 코드를 입력해야 합니다.",
            page.Find("[data-field='partner'] .mud-input-helper-text").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-field='dataset'] .mud-input-helper-text"));
    }

    [Fact]
    public async Task A_valid_request_is_queued_and_appears_in_the_recent_exports_without_a_reload()
    {
        var page = Render<ExportsPage>(p => p.AddCascadingValue(portal.Kim));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table")));

        page.Find("[data-field='filters.from'] input").Change("2025-01-01");
        page.Find("[data-field='filters.to'] input").Change("2025-01-31");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("from 2025-01-01 · to 2025-01-31")));
        Assert.Empty(page.FindAll(".mud-input-helper-text"));
    }
}
