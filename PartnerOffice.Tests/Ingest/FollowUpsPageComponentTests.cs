using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerOffice.App.Components.Pages.Ingest;
using PartnerOffice.Audit;
using PartnerOffice.Ingest;
using PartnerOffice.Tests.Components;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>
/// The /ingest page's retry, clicked in a live component over the real follow-up store of a portal without a marketplace
/// (so no worker calls the invoice service, and the retried follow-up stays Pending).
/// </summary>
public sealed class FollowUpsPageComponentTests : PortalComponentTest, IClassFixture<QueuedExportsPortal>
{
    private readonly QueuedExportsPortal portal;

    public FollowUpsPageComponentTests(QueuedExportsPortal portal)
    {
        this.portal = portal;
        portal.AddTo(Services);
        Services.AddSingleton(portal.Portal.Services.GetRequiredService<InvoiceFollowUps>());
        Services.AddSingleton(portal.Portal.Services.GetRequiredService<FollowUpOperatorActions>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Retry_on_a_failed_follow_up_makes_it_pending_says_so_moves_it_out_of_the_failed_list_and_is_audited()
    {
        await portal.Portal.AddFollowUpsAsync(FollowUpStatus.Failed, "MK-CLICK-1");
        var followUp = (await portal.Portal.FollowUpsAsync()).Single(f => f.Order.ExternalId == "MK-CLICK-1");
        var toasts = Render<MudSnackbarProvider>();
        var page = Render<FollowUps>(p => p.AddCascadingValue(portal.Admin));

        page.WaitForAssertion(() => Assert.Contains("MK-CLICK-1", page.Markup));
        var row = page.FindAll("[data-testid=followup-row]").Single(r => r.TextContent.Contains("MK-CLICK-1"));
        Assert.Equal("Failed", row.QuerySelector("[data-testid=followup-status]")!.TextContent.Trim());
        await row.QuerySelector("[data-testid=followup-retry]")!.ClickAsync(new());

        toasts.WaitForAssertion(() => Assert.Contains("The invoice for order MK-CLICK-1 is asked for again.", toasts.Markup));
        Assert.Equal(FollowUpStatus.Pending, (await portal.Portal.FollowUpsAsync()).Single(f => f.Id == followUp.Id).Status);
        page.WaitForAssertion(() => Assert.DoesNotContain("MK-CLICK-1", page.Markup));
        Assert.Contains("(1)", page.Find("[data-testid=followups-pending]").TextContent);

        var trail = await portal.Portal.Services.GetRequiredService<AuditTrail>().SearchAsync(new AuditQuery { Actions = [AuditAction.FollowUpRetried] });
        var entry = Assert.Single(trail.Items);
        Assert.Equal((portal.Admin.Email, $"follow-up {followUp.Id}"), (entry.Actor, entry.Target));
    }
}
