namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// One exportable dataset: its columns, the filters it accepts, and the SQL it is read with. Every query
/// is scoped to one partner (see <see cref="Query"/>) and ordered by one integer key, so an export can be
/// counted, split into key ranges and resumed after the last key written.
/// </summary>
public sealed class ExportDataset
{
    private readonly IReadOnlyList<string> _columnSql;

    internal ExportDataset(string name, string title, string fromSql, string keySql, string partnerSql,
        IReadOnlyList<(ExportColumn Column, string Sql)> columns, DatasetFilters filters)
    {
        Name = name;
        Layout = new ExportLayout(title, columns.Select(c => c.Column).ToArray());
        Filters = filters;
        FromSql = SqlNames.Quote(fromSql);
        KeySql = SqlNames.Quote(keySql);
        PartnerSql = SqlNames.Quote(partnerSql);
        _columnSql = columns.Select(c => SqlNames.Quote(c.Sql)).ToArray();
    }

    /// <summary>The name used in requests and file names, e.g. <c>order-lines</c>.</summary>
    public string Name { get; }

    public ExportLayout Layout { get; }

    public DatasetFilters Filters { get; }

    /// <summary>Whether a column holds personal data: the file's downloads then need a recorded reason.</summary>
    public bool HoldsPersonalData => Layout.Columns.Any(c => c.Personal);

    internal string FromSql { get; }
    internal string KeySql { get; }
    internal string PartnerSql { get; }

    /// <summary>The select list: the key first (for checkpoints), then the exported columns in order.</summary>
    internal string SelectSql => KeySql + ", " + string.Join(", ", _columnSql);

    /// <summary>The exported columns' SQL, in order (without the key).</summary>
    internal IReadOnlyList<string> ColumnSql => _columnSql;

    /// <summary>This dataset's rows of one partner that match the filters.</summary>
    public DatasetQuery Query(int partnerId, ExportFilters filters) => new(this, partnerId, filters);

    public override string ToString() => Name;
}
