using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerOffice.App.Components.Pages.Rankings;
using PartnerOffice.Rankings;
using PartnerOffice.Tests.Components;

namespace PartnerOffice.Tests.Rankings;

/// <summary>The Rankings page as a component: the chosen ranking as a chart and a table, the choice read from the address.</summary>
public sealed class RankingsPageTests : PortalComponentTest
{
    private readonly MemoryStore store = new();

    public RankingsPageTests() : base("ko")
    {
        Services.AddSingleton<IRankingStore>(store);
        Services.AddSingleton(Options.Create(new RankingOptions()));
        Services.AddSingleton<RankingQueries>();
        store.Rankings[("e1", RankingScope.Global)] = RankedItem.Ranked([(4, 0.85, 115), (2, 0.8, 3_500), (1, 0.75, 5_005)]);
        store.Rankings[("e1", "NA")] = RankedItem.Ranked([(4, 0.75, 15), (1, 0.25, 5)]);
        store.Rankings[("e0", RankingScope.Global)] = RankedItem.Ranked([(9, 1.0, 1)]);
    }

    private IRenderedComponent<App.Components.Pages.Rankings.Rankings> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<App.Components.Pages.Rankings.Rankings>();
    }

    [Fact]
    public void The_events_global_ranking_is_charted_and_tabled_in_rank_order()
    {
        var page = RenderAt("rankings?event=e1");

        Assert.Equal(["4", "2", "1"], page.FindAll("[data-testid=rankings-table] tbody tr").Select(r => r.GetAttribute("data-item")));
        Assert.Contains("5,005", page.Find("[data-testid=rankings-table]").TextContent);
        Assert.NotEmpty(page.FindAll("svg"));
        Assert.Contains("상위 10개, 글로벌 점수", page.Markup);
    }

    [Fact]
    public void A_regions_own_ranking_is_shown_when_the_address_names_the_region_and_the_last_event_by_default()
    {
        var na = RenderAt("rankings?event=e1&region=NA");
        Assert.Equal(["4", "1"], na.FindAll("[data-testid=rankings-table] tbody tr").Select(r => r.GetAttribute("data-item")));
        Assert.Contains("NA 득표 비율", na.Markup);

        // Without an event in the address: the last of the events in order.
        Assert.Equal(3, RenderAt("rankings").FindAll("[data-testid=rankings-table] tbody tr").Count);
    }

    private sealed class MemoryStore : IRankingStore
    {
        public Dictionary<(string, string), IReadOnlyList<RankedItem>> Rankings { get; } = [];

        public Task ReplaceAsync(string eventId, string scope, IReadOnlyList<RankedItem> ranking, CancellationToken cancellationToken = default)
        {
            Rankings[(eventId, scope)] = ranking;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<RankedItem>?> GetAsync(string eventId, string scope, CancellationToken cancellationToken = default) =>
            Task.FromResult(Rankings.GetValueOrDefault((eventId, scope)));

        public Task<IReadOnlyList<string>> ListEventsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(Rankings.Keys.Where(k => k.Item2 == RankingScope.Global).Select(k => k.Item1).Order().ToList());
    }
}
