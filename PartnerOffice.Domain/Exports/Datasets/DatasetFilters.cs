namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// The filters a dataset accepts. Each is optional; one that is null is refused as an unknown filter.
/// The SQL column names are internal: callers see labels and allowed values (for forms and messages).
/// </summary>
public sealed record DatasetFilters(DateRangeFilter? DateRange = null, StatusFilter? Status = null, CategoryFilter? Category = null)
{
    public const string From = "from";
    public const string To = "to";
    public const string StatusKey = "status";
    public const string CategoryKey = "category";

    /// <summary>The filter keys this dataset accepts, in a stable order.</summary>
    public IReadOnlyList<string> Keys =>
    [
        .. DateRange is null ? Array.Empty<string>() : [From, To],
        .. Status is null ? Array.Empty<string>() : [StatusKey],
        .. Category is null ? Array.Empty<string>() : [CategoryKey],
    ];
}

/// <summary><c>from</c>/<c>to</c>: whole days, both inclusive, on one date column (e.g. the order date).</summary>
public sealed record DateRangeFilter(string SqlColumn);

/// <summary><c>status</c>: one of the given values (the enum names stored in the column).</summary>
public sealed record StatusFilter(IReadOnlyList<string> Values, string SqlColumn);

/// <summary><c>category</c>: an exact category name.</summary>
public sealed record CategoryFilter(string SqlColumn, int MaxLength);
