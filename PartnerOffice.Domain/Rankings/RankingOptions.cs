using System.Text.RegularExpressions;

namespace PartnerOffice.Rankings;

/// <summary>Settings under <c>PartnerOffice:Rankings</c>.</summary>
public sealed partial class RankingOptions
{
    public const string Section = "PartnerOffice:Rankings";

    public static readonly IReadOnlyList<string> DefaultRegions = ["JP", "TW", "KR", "NA"];

    /// <summary>
    /// The regions of the global vote as configured (upper-case codes); empty means <see cref="DefaultRegions"/>. Empty by
    /// default because the configuration binder adds configured elements to those already in a collection.
    /// </summary>
    public string[] Regions { get; set; } = [];

    /// <summary>
    /// The regions whose votes this deployment records and pushes. In production each region runs its own deployment and
    /// names only itself; empty means every region (one deployment hosting them all, as the demo does).
    /// </summary>
    public string[] PushRegions { get; set; } = [];

    /// <summary>When each pushed region writes its tallies (Quartz cron, UTC).</summary>
    public string PushCron { get; set; } = "0 0/10 * * * ?";

    /// <summary>When the aggregation runs besides the new region files it notices (Quartz cron, UTC).</summary>
    public string AggregateCron { get; set; } = "0 5/10 * * * ?";

    /// <summary>When the global result is loaded into the ranking store besides after each aggregation here (Quartz cron, UTC).</summary>
    public string PullCron { get; set; } = "0 7/10 * * * ?";

    /// <summary>How often the file store is listed for new region files (S3 would send an event notification).</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every region of the global vote.</summary>
    public IReadOnlyList<string> AllRegions => Regions.Length > 0 ? Regions : DefaultRegions;

    public IEnumerable<string> RegionsPushedHere => PushRegions.Length > 0 ? PushRegions : AllRegions;

    public bool IsRegion(string region) => AllRegions.Contains(region, StringComparer.Ordinal);

    /// <summary>What is wrong with the settings, one sentence each; empty when they can run.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var region in Regions.Where(r => !RegionCode().IsMatch(r)))
            yield return $"{Section}:Regions: '{region}' is not a region code (2 to 8 upper-case letters).";
        if (Regions.Distinct(StringComparer.Ordinal).Count() != Regions.Length) yield return $"{Section}:Regions names a region twice.";
        foreach (var region in PushRegions.Where(r => !IsRegion(r)))
            yield return $"{Section}:PushRegions: '{region}' is not one of the regions ({string.Join(", ", AllRegions)}).";
        if (WatchInterval <= TimeSpan.Zero) yield return $"{Section}:WatchInterval must be positive.";
    }

    [GeneratedRegex("^[A-Z]{2,8}$")]
    private static partial Regex RegionCode();
}
