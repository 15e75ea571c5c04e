namespace PartnerOffice.App.Api;

/// <summary>Stored times are UTC without a kind; the API answers them as offsets (<c>…Z</c>).</summary>
internal static class ApiTimes
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
