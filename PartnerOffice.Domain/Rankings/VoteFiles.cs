using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartnerOffice.Exports.Storage;

namespace PartnerOffice.Rankings;

/// <summary>A region's tally of one item: how many votes it got and from how many voters.</summary>
public sealed record ItemTally(long ItemId, long Votes, long Voters);

/// <summary>A region's tallies as one region file holds them.</summary>
public sealed record RegionTally(string Region, IReadOnlyList<ItemTally> Items);

/// <summary>A region file's key, read back: <c>votes/{eventId}/{region}-{yyyyMMddHHmm}.csv</c>.</summary>
public sealed record RegionFileKey(string Key, string EventId, string Region, string Stamp);

/// <summary>
/// The files the regions share through the file store, the only channel between their deployments: each region's
/// tallies, and the global result. Both are CSV with a header line, UTF-8, invariant numbers.
/// </summary>
public static partial class VoteFiles
{
    public const string Root = "votes/";
    public const string ContentType = "text/csv";
    private const string TallyHeader = "itemId,votes,voters";
    private const string ResultHeader = "rank,itemId,score,votes";

    public static string EventPrefix(string eventId) => $"{Root}{eventId}/";

    public static string RegionFile(string eventId, string region, DateTime at) =>
        $"{EventPrefix(eventId)}{region}-{at.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}.csv";

    public static string ResultFile(string eventId) => $"{EventPrefix(eventId)}result-global.csv";

    /// <summary>Event ids become a key segment: letters, digits, '-' and '_', at most 64.</summary>
    public static bool IsEventId(string eventId) => EventIdPattern().IsMatch(eventId);

    /// <summary>The key as a region file, or null for any other key (the global result among them).</summary>
    public static RegionFileKey? ParseRegionFile(string key) => RegionFilePattern().Match(key) is { Success: true } m
        ? new RegionFileKey(key, m.Groups["event"].Value, m.Groups["region"].Value, m.Groups["stamp"].Value)
        : null;

    public static bool IsResultFile(string key) => key.StartsWith(Root, StringComparison.Ordinal) && key.EndsWith("/result-global.csv", StringComparison.Ordinal);

    /// <summary>The newest file of each of the given regions among the keys (stamps sort as text).</summary>
    public static IReadOnlyList<RegionFileKey> LatestPerRegion(IEnumerable<string> keys, Func<string, bool> isRegion) => keys
        .Select(ParseRegionFile).OfType<RegionFileKey>()
        .Where(f => isRegion(f.Region))
        .GroupBy(f => f.Region)
        .Select(g => g.MaxBy(f => f.Stamp, StringComparer.Ordinal)!)
        .OrderBy(f => f.Region, StringComparer.Ordinal)
        .ToList();

    public static byte[] WriteTallies(IEnumerable<ItemTally> tallies)
    {
        var csv = new StringBuilder(TallyHeader).Append('\n');
        foreach (var t in tallies) csv.Append(CultureInfo.InvariantCulture, $"{t.ItemId},{t.Votes},{t.Voters}\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] WriteResult(IEnumerable<RankedItem> ranking)
    {
        var csv = new StringBuilder(ResultHeader).Append('\n');
        // "R": the score reads back exactly, so every region loads the same numbers.
        foreach (var r in ranking) csv.Append(CultureInfo.InvariantCulture, $"{r.Rank},{r.ItemId},{r.Score:R},{r.Votes}\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static async Task<IReadOnlyList<ItemTally>> ReadTalliesAsync(IFileStore store, string key, CancellationToken cancellationToken) =>
        (await ReadRowsAsync(store, key, TallyHeader, cancellationToken))
        .Select(f => new ItemTally(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture)))
        .ToList();

    public static async Task<IReadOnlyList<RankedItem>> ReadResultAsync(IFileStore store, string key, CancellationToken cancellationToken) =>
        (await ReadRowsAsync(store, key, ResultHeader, cancellationToken))
        .Select(f => new RankedItem(int.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture)))
        .ToList();

    private static async Task<List<string[]>> ReadRowsAsync(IFileStore store, string key, string header, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var first = await reader.ReadLineAsync(cancellationToken);
        if (first != header) throw new InvalidDataException($"{key} does not start with the header '{header}'.");
        var rows = new List<string[]>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 3 + (header == ResultHeader ? 1 : 0)) throw new InvalidDataException($"{key}: the line '{line}' does not match '{header}'.");
            rows.Add(fields);
        }
        return rows;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EventIdPattern();

    [GeneratedRegex(@"^votes/(?<event>[A-Za-z0-9_-]{1,64})/(?<region>[A-Z]{2,8})-(?<stamp>\d{12})\.csv$")]
    private static partial Regex RegionFilePattern();
}
