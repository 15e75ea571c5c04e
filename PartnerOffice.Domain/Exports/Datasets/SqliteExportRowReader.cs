using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PartnerOffice.Exports.Datasets;

/// <summary>
/// Reads a <see cref="DatasetQuery"/>'s rows straight from a <see cref="SqliteDataReader"/>. Ordinal 0 is
/// the key; export column i is ordinal i + 1.
/// </summary>
public sealed class SqliteExportRowReader : IExportRowReader, IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader _reader;

    internal SqliteExportRowReader(SqliteCommand command)
    {
        _command = command;
        _reader = command.ExecuteReader();
    }

    public bool Read() => _reader.Read();

    public long Key => _reader.GetInt64(0);

    public bool IsNull(int column) => _reader.IsDBNull(column + 1);

    public long GetInt64(int column) => _reader.GetInt64(column + 1);

    public string GetString(int column) => _reader.GetString(column + 1);

    public DateTime GetDateTime(int column) => ParseStoredDateTime(_reader.GetString(column + 1));

    /// <summary>
    /// Parses EF Core's SQLite text form 'yyyy-MM-dd HH:mm:ss[.fffffff]' by position: several times
    /// faster than <see cref="DateTime.Parse(string)"/>, which the data reader would use.
    /// </summary>
    internal static DateTime ParseStoredDateTime(string text)
    {
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
            return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var value = new DateTime(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2),
            Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2), DateTimeKind.Utc);
        if (text.Length > 20 && text[19] == '.')
        {
            var fraction = text.AsSpan(20, Math.Min(7, text.Length - 20));
            var ticks = int.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = fraction.Length; i < 7; i++) ticks *= 10;
            value = value.AddTicks(ticks);
        }
        return value;
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9) throw new FormatException($"'{text}' is not a stored date and time.");
            value = value * 10 + digit;
        }
        return value;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
