using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PartnerOffice.Tests.Support;

/// <summary>The portal's string tables outside a host, as its components get them, read in a culture of the test's choosing.</summary>
public static class PortalStrings
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static IStringLocalizer<T> Localizer<T>() => new StringLocalizer<T>(Factory);

    /// <summary>Runs <paramref name="read"/> with <paramref name="culture"/> as the UI culture (the localizer reads it) and restores the caller's.</summary>
    public static T In<T>(string culture, Func<T> read)
    {
        var caller = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = caller; }
    }
}
