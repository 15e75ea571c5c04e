using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Rankings;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Rankings;

/// <summary><c>GET /api/rankings/{eventId}</c> and the Rankings page, on the portal with its database ranking store.</summary>
public sealed class RankingsApiTests(PortalHost portal) : IClassFixture<PortalHost>, IAsyncLifetime
{
    private const string Event = "api-test-event";

    public async Task InitializeAsync()
    {
        var store = portal.Services.GetRequiredService<IRankingStore>();
        await store.ReplaceAsync(Event, RankingScope.Global, RankedItem.Ranked([(4, 0.85, 115), (2, 0.8, 3_500), (1, 0.75, 5_005)]));
        await store.ReplaceAsync(Event, "NA", RankedItem.Ranked([(4, 0.75, 15), (1, 0.25, 5)]));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> PartnerAsync() => portal.CreateTokenClient(await portal.CreateTokenAsync(PortalHost.Kim));

    [Fact]
    public async Task The_global_ranking_and_a_regions_own_are_served_in_rank_order()
    {
        using var kim = await PartnerAsync();

        var global = await kim.GetFromJsonAsync<JsonElement>($"api/rankings/{Event}");
        var na = await kim.GetFromJsonAsync<JsonElement>($"api/rankings/{Event}?region=NA");

        Assert.Equal(JsonValueKind.Null, global.GetProperty("region").ValueKind);
        Assert.Equal([(1, 4L, 0.85, 115L), (2, 2L, 0.8, 3_500L), (3, 1L, 0.75, 5_005L)], Items(global));
        Assert.Equal("NA", na.GetProperty("region").GetString());
        Assert.Equal([(1, 4L, 0.75, 15L), (2, 1L, 0.25, 5L)], Items(na));
    }

    [Fact]
    public async Task An_unknown_region_is_a_400_naming_the_field_and_a_ranking_not_loaded_is_a_404()
    {
        using var kim = await PartnerAsync();

        var unknown = await kim.GetAsync($"api/rankings/{Event}?region=EU");
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var notLoaded = await kim.GetAsync($"api/rankings/{Event}?region=TW");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("JP, TW, KR, NA", problem.GetProperty("errors").GetProperty("region")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, notLoaded.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kim.GetAsync("api/rankings/no-such-event")).StatusCode);
        Assert.True((await (await kim.GetAsync("api/rankings/bad.event")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("eventId", out _));
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_and_the_openapi_document_describes_it()
    {
        using var anonymous = portal.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/rankings/{Event}")).StatusCode);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty("/api/rankings/{eventId}").GetProperty("get");
        Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "region");
    }

    [Fact]
    public async Task The_page_shows_the_events_global_ranking_in_korean_too()
    {
        using var client = await portal.SignInAsync(PortalHost.Lee, acceptLanguage: "ko");

        var page = await (await client.GetAsync($"rankings?event={Event}")).ReadPageAsync();

        Assert.Contains("투표 순위", page);
        Assert.Contains("data-item=\"4\"", page);
        Assert.True(page.IndexOf("data-item=\"4\"", StringComparison.Ordinal) < page.IndexOf("data-item=\"1\"", StringComparison.Ordinal));
        Assert.Contains("5,005", page);
    }

    private static List<(int, long, double, long)> Items(JsonElement ranking) => ranking.GetProperty("items").EnumerateArray()
        .Select(i => (i.GetProperty("rank").GetInt32(), i.GetProperty("itemId").GetInt64(), i.GetProperty("score").GetDouble(), i.GetProperty("votes").GetInt64()))
        .ToList();
}
