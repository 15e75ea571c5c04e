using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// A growable UTF-8 byte buffer that rows are encoded into before they go to the part file in large
/// writes. Writes bytes directly (numbers with their UTF-8 formatters, text transcoded once), so
/// encoding a row allocates nothing.
/// </summary>
internal sealed class Utf8Buffer(int initialCapacity = 64 * 1024) : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Advance(int count) => Length += count;

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(Length);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    /// <summary>Writes text as UTF-8; a lone surrogate becomes U+FFFD.</summary>
    public void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        Length += Encoding.UTF8.GetBytes(text, GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
    }

    public void WriteInt64(long value)
    {
        value.TryFormat(GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>Shortest text that reads back as the same double.</summary>
    public void WriteDouble(double value)
    {
        value.TryFormat(GetSpan(32), out var written, "R", CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary><c>yyyy-MM-dd</c> or <c>yyyy-MM-dd HH:mm:ss</c>, digit by digit: a format string would be parsed on every call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteDateTime(DateTime value, bool withTime)
    {
        var span = GetSpan(19);
        WriteDigits(span[..4], value.Year);
        span[4] = (byte)'-';
        WriteDigits(span.Slice(5, 2), value.Month);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 2), value.Day);
        if (!withTime)
        {
            Length += 10;
            return;
        }
        span[10] = (byte)' ';
        WriteDigits(span.Slice(11, 2), value.Hour);
        span[13] = (byte)':';
        WriteDigits(span.Slice(14, 2), value.Minute);
        span[16] = (byte)':';
        WriteDigits(span.Slice(17, 2), value.Second);
        Length += 19;
    }

    /// <summary>ISO 8601 in UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>, with the fraction of a second only when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteIsoDateTime(DateTime utc)
    {
        if (utc.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            WriteFormatted(utc, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
            return;
        }
        WriteDateTime(utc, withTime: true);
        _bytes[Length - 9] = (byte)'T';
        Write((byte)'Z');
    }

    /// <summary>
    /// Excel's date serial: days since 1899-12-30, the time of day as a fraction. Whole seconds (all the
    /// data here) are written with ten decimals, within 5 microseconds, by integer arithmetic; other
    /// values as the shortest round-trip double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteDateSerial(DateTime value)
    {
        var ticks = value.Ticks - SerialEpochTicks;
        if (ticks < 0 || ticks % TimeSpan.TicksPerSecond != 0)
        {
            WriteDouble(value.ToOADate());
            return;
        }
        WriteInt64(ticks / TimeSpan.TicksPerDay);
        var seconds = ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond;
        if (seconds == 0) return;
        var fraction = (seconds * 10_000_000_000L + 43_200) / 86_400;
        var decimals = 10;
        for (; fraction % 10 == 0; fraction /= 10) decimals--;
        var span = GetSpan(11);
        span[0] = (byte)'.';
        WriteDigits(span.Slice(1, decimals), fraction);
        Length += 1 + decimals;
    }

    private static readonly long SerialEpochTicks = new DateTime(1899, 12, 30).Ticks;

    private static void WriteDigits(Span<byte> span, long value)
    {
        for (var i = span.Length - 1; i >= 0; i--, value /= 10) span[i] = (byte)('0' + value % 10);
    }

    public void WriteFormatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var span = GetSpan(64);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"'{value}' does not fit in {span.Length} bytes as '{format}'.");
        Length += written;
    }

    private void Reserve(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 1);
        if (needed <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
    }
}
