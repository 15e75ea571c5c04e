namespace PartnerOffice.Exports.Datasets;

/// <summary>How a column's values are typed in every format: numbers stay numbers and dates stay dates.</summary>
public enum ColumnType
{
    /// <summary>A whole number such as an id or a count.</summary>
    Integer,
    /// <summary>Whole won (KRW has no minor unit); shown with thousands separators in xlsx.</summary>
    Money,
    Text,
    /// <summary>A date and time of day (stored as UTC).</summary>
    DateTime,
    /// <summary>A calendar day (a period boundary); written without a time of day.</summary>
    Date,
}

/// <summary>
/// One exported column. <see cref="Key"/> is the camelCase JSON property and the localisation key of the
/// header (<see cref="HeaderResourceKey"/>); <see cref="Header"/> is the English text used when no
/// translation is given. <see cref="Width"/> is the xlsx column width in characters. Writers ask
/// whether a value is null only for <see cref="Nullable"/> columns (the question costs a native call). <see cref="Personal"/> marks
/// personal data (a person's name or e-mail).
/// </summary>
public sealed record ExportColumn(string Key, string Header, ColumnType Type, int Width, bool Nullable = false, bool Personal = false)
{
    public string HeaderResourceKey => "Exports.Column." + Key;
}

/// <summary>What a file of one dataset looks like: a title (the sheet name) and its columns, in order.</summary>
public sealed record ExportLayout(string Title, IReadOnlyList<ExportColumn> Columns);
