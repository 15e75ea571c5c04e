using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using PartnerOffice.Exports.Datasets;
using SQLitePCL;

namespace PartnerOffice.Data.Sqlite;

/// <summary>
/// Reads a <see cref="DatasetQuery"/>'s rows through SQLite's own statement API on the connection's
/// handle: text comes back as the stored UTF-8 bytes, with no string per cell. That reads twice as fast
/// as <see cref="SqliteDataReader"/>, which decodes every text value into a string (measured in
/// docs/benchmarks.md). Ordinal 0 is the key; export column i is ordinal i + 1.
/// </summary>
public sealed class SqliteExportRowReader : IExportRowReader
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private bool _done;

    internal SqliteExportRowReader(SqliteConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
        foreach (var (name, value) in parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(_statement, name);
            Check(value switch
            {
                string text => raw.sqlite3_bind_text(_statement, index, text),
                // EF Core's stored form, so that bounds compare as text.
                DateTime time => raw.sqlite3_bind_text(_statement, index, time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')),
                _ => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            });
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        // Stepping a finished statement would start it over.
        if (_done) return false;
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW) return true;
        _done = true;
        if (result != raw.SQLITE_DONE) Check(result);
        return false;
    }

    public long Key => raw.sqlite3_column_int64(_statement, 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column + 1) == raw.SQLITE_NULL;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column + 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> GetUtf8(int column)
    {
        // For a TEXT value this is the stored UTF-8, without a copy.
        var text = raw.sqlite3_column_blob(_statement, column + 1);
        // SQLite stores whatever bytes it was given; the files must be valid UTF-8.
        return Utf8.IsValid(text) ? text : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(text));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateTime GetDateTime(int column) => ParseStoredDateTime(raw.sqlite3_column_blob(_statement, column + 1));

    /// <summary>
    /// Parses EF Core's SQLite text form 'yyyy-MM-dd HH:mm:ss[.fffffff]' (UTC) by position, straight from
    /// the UTF-8 bytes; anything else goes through <see cref="DateTime.Parse(string, IFormatProvider, DateTimeStyles)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static DateTime ParseStoredDateTime(ReadOnlySpan<byte> text)
    {
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
            return DateTime.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        if (text.Length > 20 && text[19] == '.' && TryDigits(text, 20, Math.Min(7, text.Length - 20), out var fraction))
        {
            for (var i = text.Length - 20; i < 7; i++) fraction *= 10;
            value = value.AddTicks(fraction);
        }
        return value;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), result);
    }

    public void Dispose() => _statement.Dispose();
}
