using Microsoft.Extensions.Options;

namespace PartnerOffice.Rankings;

/// <summary>A ranking as asked for, or why it cannot be had: <see cref="Errors"/> by field when the question is wrong.</summary>
public sealed record RankingLookup(string EventId, string? Region, IReadOnlyList<RankedItem>? Items, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Found => Items is not null;
}

/// <summary>Reads rankings for the API and the page: the global one, or a configured region's own.</summary>
public sealed class RankingQueries(IRankingStore store, IOptions<RankingOptions> options)
{
    public IReadOnlyList<string> Regions => options.Value.AllRegions;

    public Task<IReadOnlyList<string>> ListEventsAsync(CancellationToken cancellationToken = default) => store.ListEventsAsync(cancellationToken);

    public async Task<RankingLookup> GetAsync(string eventId, string? region, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!VoteFiles.IsEventId(eventId)) errors["eventId"] = ["An event id has 1 to 64 letters, digits, '-' or '_'."];
        if (region is not null && !options.Value.IsRegion(region))
            errors["region"] = [$"'{region}' is not a region; use one of {string.Join(", ", options.Value.AllRegions)}, or none for the global ranking."];
        if (errors.Count > 0) return new RankingLookup(eventId, region, null, errors);
        return new RankingLookup(eventId, region, await store.GetAsync(eventId, region ?? RankingScope.Global, cancellationToken), errors);
    }
}
