using System.Globalization;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Exports;

/// <summary>Limits on what may be requested. <see cref="MaxRangeDays"/> counts both end days.</summary>
public sealed record ExportLimits(int MaxRangeDays = 366);

/// <summary>Either a valid spec or the errors by field (<c>dataset</c>, <c>format</c>, <c>filters.from</c>, …).</summary>
public sealed record ExportSpecValidation(ExportSpec? Spec, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Spec is not null;
}

/// <summary>
/// Validates requests. Blank filter values count as absent (forms send empty fields); names of datasets,
/// formats, filters and status values are matched case-insensitively and normalised.
/// </summary>
public static class ExportSpecValidator
{
    public static ExportSpecValidation Validate(ExportRequestSpec request, ExportLimits? limits = null)
    {
        limits ??= new ExportLimits();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Error(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var dataset = ExportDatasets.Find(request.Dataset);
        if (dataset is null)
            Error("dataset", string.IsNullOrWhiteSpace(request.Dataset)
                ? $"Choose a dataset: {Names(ExportDatasets.All.Select(d => d.Name))}."
                : $"Unknown dataset '{request.Dataset}'. Choose one of: {Names(ExportDatasets.All.Select(d => d.Name))}.");
        var format = ExportFormat.Find(request.Format);
        if (format is null)
            Error("format", string.IsNullOrWhiteSpace(request.Format)
                ? $"Choose a format: {Names(ExportFormat.All.Select(f => f.Name))}."
                : $"Unknown format '{request.Format}'. Choose one of: {Names(ExportFormat.All.Select(f => f.Name))}.");

        var filters = dataset is null ? null : ParseFilters(dataset, request.Filters, limits, Error);
        if (errors.Count > 0 || dataset is null || format is null || filters is null)
            return new ExportSpecValidation(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return new ExportSpecValidation(new ExportSpec(dataset, format, filters), new Dictionary<string, string[]>());
    }

    private static ExportFilters? ParseFilters(ExportDataset dataset, IReadOnlyDictionary<string, string?>? input,
        ExportLimits limits, Action<string, string> error)
    {
        var available = dataset.Filters;
        var filters = ExportFilters.None;
        var valid = true;
        foreach (var (rawKey, rawValue) in input ?? new Dictionary<string, string?>())
        {
            var key = rawKey.Trim().ToLowerInvariant();
            var field = "filters." + key;
            if (!available.Keys.Contains(key))
            {
                error(field, available.Keys.Count == 0
                    ? $"The {dataset.Name} dataset has no filters."
                    : $"Unknown filter '{rawKey}' for {dataset.Name}. Allowed: {Names(available.Keys)}.");
                valid = false;
                continue;
            }
            var value = rawValue?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            switch (key)
            {
                case DatasetFilters.From or DatasetFilters.To:
                    if (!DateOnly.TryParseExact(value, ExportFilters.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    {
                        error(field, $"'{value}' is not a date; use yyyy-MM-dd, e.g. 2026-01-31.");
                        valid = false;
                    }
                    else filters = key == DatasetFilters.From ? filters with { From = day } : filters with { To = day };
                    break;
                case DatasetFilters.StatusKey:
                    var status = available.Status!.Values.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));
                    if (status is null)
                    {
                        error(field, $"Unknown status '{value}'. Allowed: {Names(available.Status.Values)}.");
                        valid = false;
                    }
                    else filters = filters with { Status = status };
                    break;
                case DatasetFilters.CategoryKey:
                    if (value.Length > available.Category!.MaxLength)
                    {
                        error(field, $"A category has at most {available.Category.MaxLength} characters.");
                        valid = false;
                    }
                    else filters = filters with { Category = value };
                    break;
            }
        }

        if (filters is { From: { } from, To: { } to })
        {
            if (from > to)
            {
                error("filters.from", "The start date is after the end date.");
                valid = false;
            }
            else if (to.DayNumber - from.DayNumber + 1 > limits.MaxRangeDays)
            {
                error("filters.to", $"The {available.DateRange!.Label} range may span at most {limits.MaxRangeDays} days.");
                valid = false;
            }
        }
        return valid ? filters : null;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);
}
