using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerOffice.App.Components.Pages.Dashboard;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Components;

/// <summary>The home page's dashboards over the real services of a portal whose exports stay queued.</summary>
public class DashboardTests : PortalComponentTest, IClassFixture<QueuedExportsPortal>
{
    private readonly QueuedExportsPortal portal;

    public DashboardTests(QueuedExportsPortal portal)
    {
        this.portal = portal;
        portal.AddTo(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task A_partner_user_sees_their_exports_in_flight_with_progress_and_no_files_yet()
    {
        await portal.RequestAsync(portal.Kim, "members", format: "json");
        await portal.RequestAsync(portal.Admin, "settlements", partner: "BADA");

        var home = Render<PartnerDashboard>(p => p.AddCascadingValue(portal.Kim));

        var inFlight = home.Find("[data-testid=in-flight]");
        var row = Assert.Single(inFlight.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Members"));
        Assert.Contains("Queued", row.QuerySelector("[data-testid=export-status]")!.TextContent);
        Assert.Equal("Progress", row.QuerySelector("[role=progressbar]")!.GetAttribute("aria-label"));
        // Another partner's export is not theirs to see.
        Assert.DoesNotContain("Settlements", inFlight.TextContent);
        Assert.Contains("No files to download yet.", home.Find("[data-testid=latest-files]").TextContent);
    }

    [Fact]
    public async Task An_admin_sees_how_many_executions_are_queued_which_and_for_whom_and_the_way_to_jobs_and_schedules()
    {
        await portal.RequestAsync(portal.Admin, "products", partner: "BADA", format: "xlsx");
        var queued = (await portal.Portal.Services.GetRequiredService<PartnerOffice.Jobs.Launching.IJobOperator>()
            .ListAsync(new PartnerOffice.Jobs.Repository.JobExecutionQuery { Statuses = [PartnerOffice.Jobs.JobStatus.Queued], Take = 0 })).TotalCount;

        var home = Render<AdminDashboard>(p => p.AddCascadingValue(portal.Admin));

        Assert.Equal(queued.ToString("N0"), home.Find("[data-testid=queued-count] p").TextContent.Trim());
        Assert.Equal("0", home.Find("[data-testid=running-count] p").TextContent.Trim());
        Assert.Contains("No job failed in the last 24 hours.", home.Find("[data-testid=recent-failures]").TextContent);
        Assert.NotEqual("—", home.Find("[data-testid=oldest-queued] p").TextContent.Trim());
        Assert.Contains("0 completed and 0 failed in the last 24 hours.", home.Find("[data-testid=last-day-summary]").TextContent);
        Assert.NotNull(home.Find("[data-testid=last-day-chart] svg"));
        // Its exports stay queued: this portal runs no workers, so no node is listed.
        Assert.Contains("No node is running workers.", home.Find("[data-testid=worker-nodes]").TextContent);
        var active = home.Find("[data-testid=active-executions]");
        Assert.Contains(active.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("바다마켓") && r.TextContent.Contains(PortalHost.Admin.Email));
        Assert.NotNull(home.Find("a[href='jobs']"));
        Assert.NotNull(home.Find("a[href='schedules']"));
    }
}
