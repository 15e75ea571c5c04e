using PartnerOffice.Exports.Datasets;
using PartnerOffice.Exports.Formats;

namespace PartnerOffice.Exports;

/// <summary>A validated export request: which dataset, in which format, with which filters.</summary>
public sealed record ExportSpec(ExportDataset Dataset, ExportFormat Format, ExportFilters Filters)
{
    /// <summary>
    /// Equal for equal requests however they were spelled (case, key order, blank filters), e.g.
    /// <c>orders|xlsx|from=2026-01-01&amp;status=Shipped</c>: duplicate detection compares this text.
    /// </summary>
    public string CanonicalKey => $"{Dataset.Name}|{Format.Name}|{Filters.ToCanonicalString()}";

    /// <summary>The request form of this spec (canonical spelling), e.g. to store or to request it again.</summary>
    public ExportRequestSpec ToRequest() =>
        new(Dataset.Name, Format.Name, Filters.ToDictionary().ToDictionary(p => p.Key, p => (string?)p.Value));
}
