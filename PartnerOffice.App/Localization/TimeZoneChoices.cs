using System.Globalization;

namespace PartnerOffice.App.Localization;

/// <summary>A time zone a user may choose: its IANA id and its offset from UTC at the moment the list was made.</summary>
public sealed record TimeZoneChoice(string Id, TimeSpan Offset)
{
    /// <summary>"(UTC+09:00) Asia/Seoul": the same in every language, as ids and offsets are not translated.</summary>
    public string Label => $"(UTC{(Offset < TimeSpan.Zero ? '-' : '+')}{Offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture)}) {Id}";
}

/// <summary>The IANA time zones this machine knows, which are the only ones a user may store.</summary>
public static class TimeZoneChoices
{
    public const string Seoul = "Asia/Seoul";

    private static readonly Lazy<IReadOnlyList<TimeZoneInfo>> Zones = new(() =>
    {
        // Windows names would also be found (converted), but users and the API see IANA ids only.
        var zones = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).ToList();
        if (!zones.Any(z => z.Id == TimeZoneInfo.Utc.Id)) zones.Add(TimeZoneInfo.Utc);
        return zones;
    });

    private static readonly Lazy<IReadOnlySet<string>> Ids = new(() => Zones.Value.Select(z => z.Id).ToHashSet(StringComparer.Ordinal));

    public static bool IsKnown(string? id) => id is not null && Ids.Value.Contains(id);

    /// <summary>Every zone, west to east, then by id.</summary>
    public static IReadOnlyList<TimeZoneChoice> All(DateTimeOffset now) =>
        [.. Zones.Value.Select(z => new TimeZoneChoice(z.Id, z.GetUtcOffset(now))).OrderBy(c => c.Offset).ThenBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>The zones to put first: the portal's home zone, UTC and the user's own.</summary>
    public static IReadOnlyList<TimeZoneChoice> Suggested(string current, DateTimeOffset now) =>
        [.. new[] { Seoul, TimeZoneInfo.Utc.Id, current }.Distinct().Where(IsKnown)
            .Select(id => new TimeZoneChoice(id, TimeZoneInfo.FindSystemTimeZoneById(id).GetUtcOffset(now)))];
}
