using System.Globalization;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports;

/// <summary>Validated filter values of an export. Absent filters are null.</summary>
public sealed record ExportFilters(DateOnly? From = null, DateOnly? To = null, string? Status = null, string? Category = null)
{
    public static readonly ExportFilters None = new();

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The filters as request strings (only those that are set), e.g. for storing and echoing a request.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (From is { } from) values[DatasetFilters.From] = from.ToString(DateFormat, CultureInfo.InvariantCulture);
        if (To is { } to) values[DatasetFilters.To] = to.ToString(DateFormat, CultureInfo.InvariantCulture);
        if (Status is not null) values[DatasetFilters.StatusKey] = Status;
        if (Category is not null) values[DatasetFilters.CategoryKey] = Category;
        return values;
    }

    /// <summary>
    /// One string per distinct filter set: keys sorted, values normalised and URL-escaped, so equal
    /// filters always give equal text (the basis of duplicate detection).
    /// </summary>
    public string ToCanonicalString() =>
        string.Join("&", ToDictionary().Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
}
