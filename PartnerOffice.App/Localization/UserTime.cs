using System.Globalization;

namespace PartnerOffice.App.Localization;

/// <summary>
/// Times are stored in UTC and shown in the user's own time zone (the <c>time_zone</c> claim), formatted for the
/// current culture. Pages use the <c>&lt;LocalTime&gt;</c> component; other code (file names, e-mails) uses this.
/// </summary>
public static class UserTime
{
    /// <summary>The instant in the given IANA zone; UTC when the zone is unknown on this machine.</summary>
    public static DateTimeOffset ToZone(DateTime utc, string? timeZoneId)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeZoneInfo.ConvertTime(instant, FindZone(timeZoneId));
    }

    /// <summary>"g" (short date and time) by default, in the current culture.</summary>
    public static string Format(DateTime utc, string? timeZoneId, string format = "g", CultureInfo? culture = null) =>
        ToZone(utc, timeZoneId).ToString(format, culture ?? CultureInfo.CurrentCulture);

    /// <summary>The IANA zone, or UTC when it is unknown on this machine.</summary>
    public static TimeZoneInfo FindZone(string? timeZoneId) =>
        !string.IsNullOrEmpty(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The UTC time at which a calendar day, as picked in a date field, starts in the user's zone.</summary>
    public static DateTime StartOfDayUtc(DateTime day, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified), FindZone(timeZoneId));
}
