using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// A minimal streaming zip writer (deflate entries, data descriptors, zip64 directory when offsets
/// pass 4 GiB). Unlike <see cref="ZipArchive"/> it can append deflate data compressed elsewhere, which
/// is how xlsx parts compressed by parallel partitions become one sheet without compressing twice.
/// An entry's data is a sequence of raw deflate pieces, each ending on a sync flush, the last one
/// final; the CRC-32 of the whole is combined from the pieces'.
/// </summary>
internal sealed class ZipPackageWriter(Stream output)
{
    private const ushort VersionNeeded = 20, VersionNeededZip64 = 45, DataDescriptorFlag = 0x0008, Deflated = 8;
    private readonly CountingStream _output = new(output);
    private readonly List<Entry> _entries = [];
    private readonly (ushort Time, ushort Date) _modified = DosDateTime(DateTime.Now);

    private sealed record Entry(byte[] Name, uint Crc, long CompressedSize, long Size, long Offset);

    internal Stream Output => _output;

    internal long Position => _output.BytesWritten;

    /// <summary>Adds a whole entry from memory (the small parts of a package).</summary>
    public async Task AddAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var entry = await BeginEntryAsync(name, cancellationToken);
        await entry.EndAsync(content, cancellationToken);
    }

    /// <summary>Starts an entry whose content is written piece by piece; end it with <see cref="ZipEntryWriter.EndAsync"/>.</summary>
    public async Task<ZipEntryWriter> BeginEntryAsync(string name, CancellationToken cancellationToken)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var offset = Position;
        var header = new byte[30 + nameBytes.Length];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], DataDescriptorFlag); // CRC and sizes follow the data
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], Deflated);
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], _modified.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], _modified.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        nameBytes.CopyTo(h[30..]);
        await _output.WriteAsync(header, cancellationToken);
        return new ZipEntryWriter(this, nameBytes, offset);
    }

    internal async Task EndEntryAsync(byte[] name, long offset, long dataStart, uint crc, long size, CancellationToken cancellationToken)
    {
        var compressedSize = Position - dataStart;
        // One sheet holds at most 1,048,576 rows, far below this; only offsets need zip64.
        if (compressedSize >= uint.MaxValue || size >= uint.MaxValue)
            throw new NotSupportedException($"Zip entry '{Encoding.UTF8.GetString(name)}' reached 4 GiB.");
        var descriptor = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(4), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(8), (uint)compressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(12), (uint)size);
        await _output.WriteAsync(descriptor, cancellationToken);
        _entries.Add(new Entry(name, crc, compressedSize, size, offset));
    }

    /// <summary>Writes the central directory. The output stream stays open.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var directoryStart = Position;
        foreach (var entry in _entries)
        {
            var zip64 = entry.Offset >= uint.MaxValue;
            var record = new byte[46 + entry.Name.Length + (zip64 ? 12 : 0)];
            var r = record.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(r, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(r[4..], VersionNeededZip64);
            BinaryPrimitives.WriteUInt16LittleEndian(r[6..], zip64 ? VersionNeededZip64 : VersionNeeded);
            BinaryPrimitives.WriteUInt16LittleEndian(r[8..], DataDescriptorFlag);
            BinaryPrimitives.WriteUInt16LittleEndian(r[10..], Deflated);
            BinaryPrimitives.WriteUInt16LittleEndian(r[12..], _modified.Time);
            BinaryPrimitives.WriteUInt16LittleEndian(r[14..], _modified.Date);
            BinaryPrimitives.WriteUInt32LittleEndian(r[16..], entry.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(r[20..], (uint)entry.CompressedSize);
            BinaryPrimitives.WriteUInt32LittleEndian(r[24..], (uint)entry.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(r[28..], (ushort)entry.Name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(r[30..], (ushort)(zip64 ? 12 : 0));
            BinaryPrimitives.WriteUInt32LittleEndian(r[42..], zip64 ? uint.MaxValue : (uint)entry.Offset);
            entry.Name.CopyTo(r[46..]);
            if (zip64)
            {
                var extra = r[(46 + entry.Name.Length)..];
                BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
                BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 8);
                BinaryPrimitives.WriteUInt64LittleEndian(extra[4..], (ulong)entry.Offset);
            }
            await _output.WriteAsync(record, cancellationToken);
        }
        var directorySize = Position - directoryStart;
        var needsZip64 = directoryStart >= uint.MaxValue;
        if (needsZip64) await WriteZip64EndAsync(directoryStart, directorySize, cancellationToken);

        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), needsZip64 ? uint.MaxValue : (uint)directoryStart);
        await _output.WriteAsync(end, cancellationToken);
        await _output.FlushAsync(cancellationToken);
    }

    private async Task WriteZip64EndAsync(long directoryStart, long directorySize, CancellationToken cancellationToken)
    {
        var recordOffset = Position;
        var record = new byte[56 + 20];
        var r = record.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(r, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(r[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(r[12..], VersionNeededZip64);
        BinaryPrimitives.WriteUInt16LittleEndian(r[14..], VersionNeededZip64);
        BinaryPrimitives.WriteUInt64LittleEndian(r[24..], (ulong)_entries.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(r[32..], (ulong)_entries.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(r[40..], (ulong)directorySize);
        BinaryPrimitives.WriteUInt64LittleEndian(r[48..], (ulong)directoryStart);
        var locator = r[56..];
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)recordOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
        await _output.WriteAsync(record, cancellationToken);
    }

    private static (ushort Time, ushort Date) DosDateTime(DateTime at) =>
        ((ushort)((at.Hour << 11) | (at.Minute << 5) | (at.Second / 2)), (ushort)(((at.Year - 1980) << 9) | (at.Month << 5) | at.Day));

    /// <summary>Passes writes through and counts them: zip headers need the offsets.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesWritten { get; private set; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            BytesWritten += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            BytesWritten += count;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>The content of one zip entry being written: compressed pieces and pre-compressed parts, in order.</summary>
internal sealed class ZipEntryWriter
{
    private readonly ZipPackageWriter _zip;
    private readonly byte[] _name;
    private readonly long _offset;
    private readonly long _dataStart;
    private uint _crc;
    private long _size;

    internal ZipEntryWriter(ZipPackageWriter zip, byte[] name, long offset)
    {
        (_zip, _name, _offset) = (zip, name, offset);
        _dataStart = zip.Position;
    }

    /// <summary>Compresses <paramref name="content"/> as one piece.</summary>
    public async Task CompressAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var piece = OpenPiece();
        await piece.WriteAsync(content, cancellationToken);
        await piece.EndAsync(final: false, cancellationToken);
    }

    /// <summary>A piece to compress content into bit by bit; end it before anything else is added.</summary>
    public DeflatePiece OpenPiece() => new(this);

    /// <summary>Copies a part compressed by its partition, as it is.</summary>
    public async Task AppendCompressedPartAsync(ExportPart part, CancellationToken cancellationToken)
    {
        await PartFiles.CopyAsync(part, 0, _zip.Output, cancellationToken);
        _crc = Crc32.Combine(_crc, part.ContentCrc32, part.ContentBytes);
        _size += part.ContentBytes;
    }

    /// <summary>Compresses the last content as the final piece and closes the entry.</summary>
    public async Task EndAsync(ReadOnlyMemory<byte> last, CancellationToken cancellationToken)
    {
        var piece = OpenPiece();
        await piece.WriteAsync(last, cancellationToken);
        await piece.EndAsync(final: true, cancellationToken);
        await _zip.EndEntryAsync(_name, _offset, _dataStart, _crc, _size, cancellationToken);
    }

    /// <summary>
    /// Raw deflate of some content, compressed into memory and passed on in blocks (so writes to the
    /// output stay asynchronous). A non-final piece ends on a sync flush; its closing block is dropped.
    /// </summary>
    internal sealed class DeflatePiece
    {
        private const int DrainThreshold = 256 * 1024;
        private readonly ZipEntryWriter _entry;
        private readonly MemoryStream _compressed = new();
        private readonly DeflateStream _deflate;

        internal DeflatePiece(ZipEntryWriter entry)
        {
            _entry = entry;
            _deflate = new DeflateStream(_compressed, CompressionLevel.Fastest, leaveOpen: true);
        }

        public async Task WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            _entry._crc = Crc32.Update(_entry._crc, content.Span);
            _entry._size += content.Length;
            _deflate.Write(content.Span);
            if (_compressed.Length >= DrainThreshold) await DrainAsync(cancellationToken);
        }

        public async Task EndAsync(bool final, CancellationToken cancellationToken)
        {
            if (final) _deflate.Dispose();
            else _deflate.Flush();
            await DrainAsync(cancellationToken);
            if (!final) _deflate.Dispose();
        }

        private async Task DrainAsync(CancellationToken cancellationToken)
        {
            await _entry._zip.Output.WriteAsync(_compressed.GetBuffer().AsMemory(0, (int)_compressed.Length), cancellationToken);
            _compressed.SetLength(0);
        }
    }
}
