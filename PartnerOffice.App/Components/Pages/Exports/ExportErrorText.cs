using Microsoft.Extensions.Localization;
using PartnerOffice.Exports;

namespace PartnerOffice.App.Components.Pages.Exports;

/// <summary>
/// The wording of export request errors: ExportErrorText.resx and its translations. The pages show the user's
/// language, the HTTP API always English. The English there is the only English wording of these errors: the domain
/// reports them as data, so that a sentence is decided in one table per language and never twice.
/// </summary>
public sealed class ExportErrorText;

public static class ExportErrorMessages
{
    /// <summary>The error as a sentence in the current UI culture.</summary>
    // A new kind without a text fails the test that words every kind in every language (the default arm throws).
    // Values are quoted before a fixed noun in Korean ("'x' 형식은"), so no particle has to agree with what the user typed.
    public static string Message(this IStringLocalizer<ExportErrorText> T, ExportError e) => e.Kind switch
    {
        ExportErrorKind.MissingDataset => T["MissingDataset", Names(e)],
        ExportErrorKind.UnknownDataset => T["UnknownDataset", e.Value ?? "", Names(e)],
        ExportErrorKind.MissingFormat => T["MissingFormat", Names(e)],
        ExportErrorKind.UnknownFormat => T["UnknownFormat", e.Value ?? "", Names(e)],
        ExportErrorKind.UnknownFilter => T["UnknownFilter", e.Value ?? "", Names(e)],
        ExportErrorKind.NoFilters => T["NoFilters"],
        ExportErrorKind.NotADate => T["NotADate", e.Value ?? "", ExportFilters.DateFormat],
        ExportErrorKind.UnknownStatus => T["UnknownStatus", e.Value ?? "", Names(e)],
        ExportErrorKind.CategoryTooLong => T["CategoryTooLong", e.Limit ?? 0],
        ExportErrorKind.DateOutOfRange => T["DateOutOfRange", e.Value ?? "", e.Allowed.ElementAtOrDefault(0) ?? "", e.Allowed.ElementAtOrDefault(1) ?? ""],
        ExportErrorKind.FromAfterTo => T["FromAfterTo"],
        ExportErrorKind.RangeTooLong => T["RangeTooLong", e.Limit ?? 0],
        ExportErrorKind.MissingPartner => T["MissingPartner"],
        ExportErrorKind.UnknownPartner => T["UnknownPartner", e.Value ?? ""],
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "No text for this kind of export error."),
    };

    private static string Names(ExportError error) => string.Join(", ", error.Allowed);
}
