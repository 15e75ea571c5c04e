using System.Globalization;

namespace PartnerOffice.App.Localization;

/// <summary>
/// One feature's UI strings in every shipped language. Each language is an instance of the same record with
/// <c>required</c> properties, so a string missing in one language is a compile error, not a blank on screen.
/// </summary>
/// <example>
/// <code>
/// public sealed record ExportsText
/// {
///     public required string Title { get; init; }
///     public required Func&lt;int, string&gt; RowsSelected { get; init; }
///     public static readonly Translations&lt;ExportsText&gt; All = new(
///         english: new() { Title = "Exports", RowsSelected = n => $"{n:N0} rows selected" },
///         korean: new() { Title = "내보내기", RowsSelected = n => $"{n:N0}개 행 선택됨" });
/// }
/// // in a component: private static ExportsText T => ExportsText.All.Current;
/// </code>
/// </example>
public sealed class Translations<T>(T english, T korean) where T : class
{
    /// <summary>The strings for the current request's or circuit's UI culture.</summary>
    public T Current => For(CultureInfo.CurrentUICulture);

    public T For(CultureInfo culture) => PortalCultures.IsKorean(culture) ? korean : english;
}
