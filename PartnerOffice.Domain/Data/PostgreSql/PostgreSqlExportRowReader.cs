using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Npgsql;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Data.PostgreSql;

/// <summary>
/// Streams a <see cref="DatasetQuery"/>'s rows from PostgreSQL with binary <c>COPY (…) TO STDOUT</c>: one round trip,
/// no per-row protocol messages, and text as the stored UTF-8 bytes. The copy's bytes are read raw into one buffer and
/// each row is located in it, field by field (<see cref="BinaryCopyFormat"/>): the writers read a text straight from there, and a number or an instant
/// is decoded when asked for. Npgsql's typed exporter instead copied every text into an array of its own and went
/// through its converters for every field.
/// </summary>
public sealed partial class PostgreSqlExportRowReader : IExportRowReader
{
    private readonly NpgsqlRawCopyStream _copy;
    private readonly int _fields;
    // Where the current row's fields start in the buffer, relative to the row's start; -1 for a null.
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private byte[] _buffer = new byte[128 * 1024];
    private int _row;
    private int _position;
    private int _end;
    private bool _ended;
    private long _key;

    private PostgreSqlExportRowReader(NpgsqlRawCopyStream copy, int columns)
    {
        _copy = copy;
        _fields = columns + 1;
        _starts = new int[columns];
        _lengths = new int[columns];
        Ensure(BinaryCopyFormat.Signature.Length + 8);
        if (!_buffer.AsSpan(0, BinaryCopyFormat.Signature.Length).SequenceEqual(BinaryCopyFormat.Signature)) throw new InvalidDataException("The copy does not start with the binary COPY signature.");
        _position = BinaryCopyFormat.Signature.Length + 4;
        var extension = ReadInt32();
        Ensure(extension);
        _position += extension;
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
        // Numbers come out as bigint whatever their column's width, so that one reading fits every integer column.
        var select = string.Join(", ", dataset.ColumnSql.Select((sql, i) => types[i] is ColumnType.Integer or ColumnType.Money ? $"CAST({sql} AS bigint)" : sql));
        var copy = $"COPY (SELECT CAST({dataset.KeySql} AS bigint), {select} FROM {dataset.FromSql} WHERE {condition} ORDER BY {dataset.KeySql}) TO STDOUT (FORMAT BINARY)";
        return new PostgreSqlExportRowReader(connection.BeginRawBinaryCopy(copy), types.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (_ended) return false;
        _row = _position;
        Ensure(2);
        var fields = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_position));
        _position += 2;
        if (fields == -1)
        {
            _ended = true;
            return false;
        }
        if (fields != _fields) throw new InvalidDataException($"A copied row has {fields} fields, not {_fields}.");
        if (ReadInt32() != sizeof(long)) throw new InvalidDataException("A copied row's key is not a bigint.");
        Ensure(sizeof(long));
        _key = BinaryPrimitives.ReadInt64BigEndian(_buffer.AsSpan(_position));
        _position += sizeof(long);
        for (var i = 0; i < _starts.Length; i++)
        {
            var length = ReadInt32();
            _lengths[i] = length;
            if (length < 0)
            {
                _starts[i] = -1;
                continue;
            }
            Ensure(length);
            _starts[i] = _position - _row;
            _position += length;
        }
        return true;
    }

    public long Key => _key;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsNull(int column) => _starts[column] < 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long GetInt64(int column) => BinaryPrimitives.ReadInt64BigEndian(Field(column));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> GetUtf8(int column) => Field(column);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateTime GetDateTime(int column) =>
        new(BinaryCopyFormat.EpochTicks + BinaryPrimitives.ReadInt64BigEndian(Field(column)) * TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);

    /// <summary>
    /// A copy read only in part (a stopped export) is read to its end by Npgsql. A cancel request would be quicker, but it
    /// may reach the server after the copy ended and cancel the connection's next statement instead.
    /// </summary>
    public void Dispose() => _copy.Dispose();

    private ReadOnlySpan<byte> Field(int column) => _buffer.AsSpan(_row + _starts[column], _lengths[column]);

    private int ReadInt32()
    {
        Ensure(sizeof(int));
        var value = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_position));
        _position += sizeof(int);
        return value;
    }

    /// <summary>
    /// Makes sure the next <paramref name="count"/> bytes are in the buffer: the current row moves to its start (fields
    /// are kept relative to the row, so they stay valid) and more is read, the buffer growing for a row larger than it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Ensure(int count)
    {
        if (_end - _position >= count) return;
        var kept = _end - _row;
        var needed = _position - _row + count;
        if (needed > _buffer.Length)
        {
            var larger = new byte[Math.Max(needed, _buffer.Length * 2)];
            _buffer.AsSpan(_row, kept).CopyTo(larger);
            _buffer = larger;
        }
        else if (_row > 0)
        {
            _buffer.AsSpan(_row, kept).CopyTo(_buffer);
        }
        (_position, _end, _row) = (_position - _row, kept, 0);
        while (_end - _position < count)
        {
            var read = _copy.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) throw new InvalidDataException("The copy ended in the middle of a row.");
            _end += read;
        }
    }

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
