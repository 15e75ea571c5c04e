using System.Globalization;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Exports;

/// <summary>
/// Limits on what may be requested. <see cref="MaxRangeDays"/> counts both end days; a range open at one end runs to
/// or from <see cref="Today"/>. Without <see cref="Today"/> (a stored request read again) only the calendar's bounds apply.
/// </summary>
public sealed record ExportLimits(int MaxRangeDays = 366, DateOnly? Today = null)
{
    /// <summary>No marketplace data is older; a date before it is a typo.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>The latest date a filter may name: a year ahead of today, or far ahead of any data when today is not known.</summary>
    public DateOnly LatestDate => Today?.AddYears(1) ?? new DateOnly(9000, 1, 1);
}

/// <summary>Either a valid spec or what is wrong with the request, field by field.</summary>
public sealed record ExportSpecValidation(ExportSpec? Spec, IReadOnlyList<ExportError> Errors)
{
    public bool IsValid => Spec is not null;
}

/// <summary>
/// Validates requests. Blank filter values count as absent (forms send empty fields); names of datasets,
/// formats, filters and status values are matched case-insensitively and normalised.
/// </summary>
public static class ExportSpecValidator
{
    private static readonly IReadOnlyList<string> DatasetNames = ExportDatasets.All.Select(d => d.Name).ToArray();
    private static readonly IReadOnlyList<string> FormatNames = ExportFormat.All.Select(f => f.Name).ToArray();

    public static ExportSpecValidation Validate(ExportRequestSpec request, ExportLimits? limits = null)
    {
        limits ??= new ExportLimits();
        var errors = new List<ExportError>();

        var dataset = ExportDatasets.Find(request.Dataset);
        if (dataset is null)
            errors.Add(string.IsNullOrWhiteSpace(request.Dataset)
                ? new("dataset", ExportErrorKind.MissingDataset) { Allowed = DatasetNames }
                : new("dataset", ExportErrorKind.UnknownDataset) { Value = request.Dataset, Allowed = DatasetNames });
        var format = ExportFormat.Find(request.Format);
        if (format is null)
            errors.Add(string.IsNullOrWhiteSpace(request.Format)
                ? new("format", ExportErrorKind.MissingFormat) { Allowed = FormatNames }
                : new("format", ExportErrorKind.UnknownFormat) { Value = request.Format, Allowed = FormatNames });

        var filters = dataset is null ? null : ParseFilters(dataset, request.Filters, limits, errors);
        if (errors.Count > 0 || dataset is null || format is null || filters is null)
            return new ExportSpecValidation(null, errors);
        return new ExportSpecValidation(new ExportSpec(dataset, format, filters), []);
    }

    private static ExportFilters? ParseFilters(ExportDataset dataset, IReadOnlyDictionary<string, string?>? input,
        ExportLimits limits, List<ExportError> errors)
    {
        var available = dataset.Filters;
        var filters = ExportFilters.None;
        var valid = true;
        void Error(ExportError error)
        {
            errors.Add(error);
            valid = false;
        }

        foreach (var (rawKey, rawValue) in input ?? new Dictionary<string, string?>())
        {
            var key = rawKey.Trim().ToLowerInvariant();
            var field = "filters." + key;
            if (!available.Keys.Contains(key))
            {
                Error(available.Keys.Count == 0
                    ? new(field, ExportErrorKind.NoFilters) { Value = rawKey }
                    : new(field, ExportErrorKind.UnknownFilter) { Value = rawKey, Allowed = available.Keys });
                continue;
            }
            var value = rawValue?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            switch (key)
            {
                case DatasetFilters.From or DatasetFilters.To:
                    if (!DateOnly.TryParseExact(value, ExportFilters.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        Error(new(field, ExportErrorKind.NotADate) { Value = value });
                    // The calendar's far ends overflow the query's day arithmetic, and no data lives there.
                    else if (day < ExportLimits.EarliestDate || day > limits.LatestDate)
                        Error(new(field, ExportErrorKind.DateOutOfRange)
                        {
                            Value = value,
                            Allowed = [ExportLimits.EarliestDate.ToString(ExportFilters.DateFormat, CultureInfo.InvariantCulture),
                                limits.LatestDate.ToString(ExportFilters.DateFormat, CultureInfo.InvariantCulture)],
                        });
                    else filters = key == DatasetFilters.From ? filters with { From = day } : filters with { To = day };
                    break;
                case DatasetFilters.StatusKey:
                    var status = available.Status!.Values.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));
                    if (status is null) Error(new(field, ExportErrorKind.UnknownStatus) { Value = value, Allowed = available.Status.Values });
                    else filters = filters with { Status = status };
                    break;
                case DatasetFilters.CategoryKey:
                    if (value.Length > available.Category!.MaxLength)
                        Error(new(field, ExportErrorKind.CategoryTooLong) { Value = value, Limit = available.Category.MaxLength });
                    else filters = filters with { Category = value };
                    break;
            }
        }

        if (filters is { From: { } from, To: { } to })
        {
            if (from > to) Error(new("filters.from", ExportErrorKind.FromAfterTo));
            else if (Days(from, to) > limits.MaxRangeDays)
                Error(new("filters.to", ExportErrorKind.RangeTooLong) { Limit = limits.MaxRangeDays });
        }
        // Open at one end, the range runs to (or from) today.
        else if (limits.Today is { } today && (filters.From ?? filters.To) is { } given
                 && Days(given < today ? given : today, given < today ? today : given) > limits.MaxRangeDays)
            Error(new(filters.From is null ? "filters.to" : "filters.from", ExportErrorKind.RangeTooLong) { Limit = limits.MaxRangeDays });
        return valid ? filters : null;
    }

    private static int Days(DateOnly first, DateOnly last) => last.DayNumber - first.DayNumber + 1;
}
