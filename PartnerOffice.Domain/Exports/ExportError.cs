namespace PartnerOffice.Exports;

/// <summary>What is wrong with an export request. The comments name the arguments each kind carries.</summary>
public enum ExportErrorKind
{
    /// <summary>No dataset given; <see cref="ExportError.Allowed"/>: the dataset names.</summary>
    MissingDataset,
    /// <summary><see cref="ExportError.Value"/>: the name given; <see cref="ExportError.Allowed"/>: the dataset names.</summary>
    UnknownDataset,
    /// <summary>No format given; <see cref="ExportError.Allowed"/>: the format names.</summary>
    MissingFormat,
    /// <summary><see cref="ExportError.Value"/>: the name given; <see cref="ExportError.Allowed"/>: the format names.</summary>
    UnknownFormat,
    /// <summary><see cref="ExportError.Value"/>: the filter key given; <see cref="ExportError.Allowed"/>: the dataset's filter keys.</summary>
    UnknownFilter,
    /// <summary>A filter was given for a dataset that has none; <see cref="ExportError.Value"/>: the filter key given.</summary>
    NoFilters,
    /// <summary><see cref="ExportError.Value"/>: the text given for <c>from</c> or <c>to</c>.</summary>
    NotADate,
    /// <summary><see cref="ExportError.Value"/>: the status given; <see cref="ExportError.Allowed"/>: the dataset's status values.</summary>
    UnknownStatus,
    /// <summary><see cref="ExportError.Value"/>: the category given; <see cref="ExportError.Limit"/>: the most characters a category may have.</summary>
    CategoryTooLong,
    /// <summary><see cref="ExportError.Value"/>: the date given; <see cref="ExportError.Allowed"/>: the earliest and the latest date allowed.</summary>
    DateOutOfRange,
    /// <summary>The start date is after the end date.</summary>
    FromAfterTo,
    /// <summary><see cref="ExportError.Limit"/>: the most days a range may span (both end days count).</summary>
    RangeTooLong,
    /// <summary>An admin did not name the partner whose data to export.</summary>
    MissingPartner,
    /// <summary><see cref="ExportError.Value"/>: the partner code given.</summary>
    UnknownPartner,
}

/// <summary>
/// One thing wrong with an export request, as data rather than a sentence: the request field it belongs to
/// (<c>dataset</c>, <c>format</c>, <c>filters.from</c>, <c>partner</c>, …), its kind and the facts a message needs.
/// The portal words it in the reader's language; the domain has no say in wording.
/// </summary>
public sealed record ExportError(string Field, ExportErrorKind Kind)
{
    /// <summary>What was sent, when that is the problem (an unknown name, text that is not a date).</summary>
    public string? Value { get; init; }

    /// <summary>What may be sent instead (dataset, format, filter or status names), in their usual order.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>The bound that was broken (days of a range, characters of a category).</summary>
    public int? Limit { get; init; }
}
