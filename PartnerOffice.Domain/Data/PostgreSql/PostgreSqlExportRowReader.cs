using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Data.PostgreSql;

/// <summary>
/// Streams a <see cref="DatasetQuery"/>'s rows from PostgreSQL with binary <c>COPY (…) TO STDOUT</c>: one round trip,
/// no per-row protocol messages, and text as the stored UTF-8 bytes. Each row is read whole into buffers (the
/// protocol hands columns out once, in order); the export writers then ask for them by index.
/// </summary>
public sealed partial class PostgreSqlExportRowReader : IExportRowReader
{
    private readonly NpgsqlBinaryExporter _rows;
    private readonly ColumnType[] _types;
    private readonly bool[] _nulls;
    private readonly long[] _integers;
    private readonly byte[][] _texts;
    private readonly DateTime[] _times;
    private long _key;

    private PostgreSqlExportRowReader(NpgsqlBinaryExporter rows, ColumnType[] types)
    {
        _rows = rows;
        _types = types;
        _nulls = new bool[types.Length];
        _integers = new long[types.Length];
        _texts = new byte[types.Length][];
        _times = new DateTime[types.Length];
    }

    /// <summary>
    /// Starts the COPY of the dataset's rows matching <paramref name="where"/>, in key order. COPY takes no bind
    /// parameters, so the values (numbers, validated filter text, instants) are written into the statement as literals.
    /// </summary>
    internal static PostgreSqlExportRowReader Open(NpgsqlConnection connection, ExportDataset dataset, string where,
        IReadOnlyList<(string Name, object Value)> parameters)
    {
        var values = parameters.ToDictionary(p => p.Name, p => Literal(p.Value), StringComparer.Ordinal);
        var condition = ParameterName().Replace(where, m => values.TryGetValue(m.Value, out var literal)
            ? literal : throw new InvalidOperationException($"No value for {m.Value}."));
        var types = dataset.Layout.Columns.Select(c => c.Type).ToArray();
        // Numbers come out as bigint whatever their column's width, so that one reader fits every integer column.
        var select = string.Join(", ", dataset.ColumnSql.Select((sql, i) => types[i] is ColumnType.Integer or ColumnType.Money ? $"CAST({sql} AS bigint)" : sql));
        var copy = $"COPY (SELECT CAST({dataset.KeySql} AS bigint), {select} FROM {dataset.FromSql} WHERE {condition} ORDER BY {dataset.KeySql}) TO STDOUT (FORMAT BINARY)";
        return new PostgreSqlExportRowReader(connection.BeginBinaryExport(copy), types);
    }

    public bool Read()
    {
        if (_rows.StartRow() < 0) return false;
        _key = _rows.Read<long>(NpgsqlDbType.Bigint);
        for (var i = 0; i < _types.Length; i++)
        {
            if (_nulls[i] = _rows.IsNull)
            {
                _rows.Skip();
                continue;
            }
            switch (_types[i])
            {
                case ColumnType.Integer or ColumnType.Money: _integers[i] = _rows.Read<long>(NpgsqlDbType.Bigint); break;
                // Read as bytea: the binary form of text is its UTF-8 bytes, which the files need, so nothing is decoded.
                case ColumnType.Text: _texts[i] = _rows.Read<byte[]>(NpgsqlDbType.Bytea); break;
                default: _times[i] = _rows.Read<DateTime>(NpgsqlDbType.TimestampTz); break;
            }
        }
        return true;
    }

    public long Key => _key;

    public bool IsNull(int column) => _nulls[column];

    public long GetInt64(int column) => _integers[column];

    public ReadOnlySpan<byte> GetUtf8(int column) => _texts[column];

    public DateTime GetDateTime(int column) => _times[column];

    public void Dispose() => _rows.Dispose();

    private static string Literal(object value) => value switch
    {
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        // With standard_conforming_strings (on since PostgreSQL 9.1) a doubled quote is the only escape a literal needs.
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime time => $"TIMESTAMPTZ '{time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')}+00'",
        _ => throw new NotSupportedException($"No literal form for {value.GetType().Name}."),
    };

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
