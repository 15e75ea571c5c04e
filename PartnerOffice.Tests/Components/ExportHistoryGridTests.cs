using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerOffice.App.Components.Pages.Exports;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Components;

/// <summary>The history grid over the real export service: the server pages and orders the whole history, an admin sees partners.</summary>
public class ExportHistoryGridTests : PortalComponentTest, IClassFixture<ExportHistoryGridTests.Seeded>
{
    /// <summary>Five queued exports, three of HANBIT's and two of BADA's, requested by the admin oldest first.</summary>
    public sealed class Seeded : IAsyncLifetime
    {
        public QueuedExportsPortal Portal { get; } = new();

        public async Task InitializeAsync()
        {
            await Portal.InitializeAsync();
            foreach (var (partner, dataset) in new[] { ("HANBIT", "orders"), ("BADA", "products"), ("HANBIT", "members"), ("BADA", "settlements"), ("HANBIT", "products") })
                await Portal.RequestAsync(Portal.Admin, dataset, partner);
        }

        public Task DisposeAsync() => Portal.DisposeAsync();
    }

    private readonly QueuedExportsPortal portal;

    public ExportHistoryGridTests(Seeded seeded)
    {
        portal = seeded.Portal;
        portal.AddTo(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<ExportGrid> RenderGrid(App.Identity.CurrentUser user) =>
        Render<ExportGrid>(p => p.AddCascadingValue(user).Add(x => x.History, true).Add(x => x.PageSize, 2));

    private static IReadOnlyList<string> Column(IRenderedComponent<ExportGrid> grid, string title)
    {
        var index = grid.FindAll("thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf(title);
        Assert.True(index >= 0, $"no column {title}");
        return grid.FindAll("tbody tr").Select(row => row.Children[index].TextContent.Trim()).ToList();
    }

    [Fact]
    public void An_admin_gets_the_newest_page_of_every_partner_with_the_partner_named_and_pages_on_through_the_server()
    {
        var grid = RenderGrid(portal.Admin);

        grid.WaitForAssertion(() => Assert.Equal(["Products", "Settlements"], Column(grid, "Dataset").Select(d => d.Split(' ')[0])));
        Assert.Equal(["한빛상사", "바다마켓"], Column(grid, "Partner"));
        Assert.Contains("1-2 of 5", grid.Markup);
        // Every header names its column, the actions' too.
        Assert.All(grid.FindAll("thead th"), th => Assert.False(string.IsNullOrWhiteSpace(th.TextContent)));

        grid.Find("button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(["Members", "Products"], Column(grid, "Dataset").Select(d => d.Split(' ')[0])));
        Assert.Contains("3-4 of 5", grid.Markup);
    }

    [Fact]
    public void Sorting_a_column_orders_the_whole_history_not_the_page_shown()
    {
        var grid = RenderGrid(portal.Admin);
        grid.WaitForAssertion(() => Assert.Equal(2, grid.FindAll("tbody tr").Count));

        grid.FindAll("thead th").Single(th => th.TextContent.Trim() == "Dataset").QuerySelector(".sortable-column-header")!.Click();

        // Oldest-first alphabetical over all five: members and orders, though neither was on the first page.
        grid.WaitForAssertion(() => Assert.Equal(["Members", "Orders"], Column(grid, "Dataset").Select(d => d.Split(' ')[0])));
    }

    [Fact]
    public void A_partner_user_has_no_partner_column_or_filter_and_sees_only_their_partners_exports()
    {
        var grid = RenderGrid(portal.Kim);

        grid.WaitForAssertion(() => Assert.Contains("1-2 of 3", grid.Markup));
        Assert.DoesNotContain("Partner", grid.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Empty(grid.FindAll("[data-testid=partner-filter]"));
        // Queued exports can be given up on the recent list, not requested again from the history.
        Assert.Empty(grid.FindAll("button[aria-label='Request again']"));
        Assert.Equal(2, grid.FindAll("button[aria-label^='Delete']").Count);
    }
}
