using System.Buffers;
using System.Globalization;
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
