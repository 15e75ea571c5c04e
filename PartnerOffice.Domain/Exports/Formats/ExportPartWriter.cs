using System.IO.Compression;
using System.Runtime.CompilerServices;
using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Appends rows to one partition's part file. Rows are encoded into a buffer and written in large
/// blocks, so memory stays flat; formats that compress (xlsx) compress here, in the partition, so
/// compression runs in parallel and the merge only copies. <see cref="Flush"/> makes everything so far
/// part of the file (a sync flush for compressed parts: the bytes so far are a complete prefix) and
/// returns the checkpoint to record. Opening with a checkpoint truncates the file to it and continues.
/// Not thread-safe: one writer per partition.
/// </summary>
public sealed class ExportPartWriter : IDisposable
{
    private const int WriteThreshold = 256 * 1024;
    private readonly FileStream _file;
    private readonly DeflateStream? _compressor;
    private readonly ExportRowEncoder _encoder;
    private readonly Utf8Buffer _buffer = new(WriteThreshold + 16 * 1024);
    private long _rows;
    private long? _lastKey;
    private long _contentBytes;
    private uint _contentCrc;

    internal ExportPartWriter(string path, ExportRowEncoder encoder, PartCheckpoint resumeFrom, bool compress)
    {
        Path = path;
        _encoder = encoder;
        // No FileStream buffer: this class buffers whole blocks itself.
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        var length = _file.Length;
        if (length < resumeFrom.Bytes)
        {
            _file.Dispose();
            throw new InvalidOperationException($"Part file '{path}' has {length} bytes, fewer than its checkpoint's {resumeFrom.Bytes}: write the partition again from the start.");
        }
        _file.SetLength(resumeFrom.Bytes);
        _file.Position = resumeFrom.Bytes;
        // A new raw deflate stream may follow a sync-flushed one: together they decompress as one.
        if (compress) _compressor = new DeflateStream(_file, CompressionLevel.Fastest, leaveOpen: true);
        (_lastKey, _rows, _contentBytes, _contentCrc) = (resumeFrom.LastKey, resumeFrom.Rows, resumeFrom.ContentBytes, resumeFrom.ContentCrc32);
        Checkpoint = resumeFrom;
    }

    public string Path { get; }

    /// <summary>The state after the last <see cref="Flush"/> (or the one resumed from).</summary>
    public PartCheckpoint Checkpoint { get; private set; }

    /// <summary>Rows written so far, including those not yet flushed.</summary>
    public long Rows => _rows;

    private void WriteRow(IExportRowReader row)
    {
        _encoder.Encode(row, _buffer);
        _rows++;
        _lastKey = row.Key;
        if (_buffer.Length >= WriteThreshold) WriteBuffer();
    }

    /// <summary>Reads and writes up to <paramref name="maxRows"/> rows (a chunk); returns how many, 0 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int WriteRows(IExportRowReader reader, int maxRows)
    {
        var written = 0;
        while (written < maxRows && reader.Read())
        {
            WriteRow(reader);
            written++;
        }
        return written;
    }

    /// <summary>
    /// Writes the buffered rows to the file and returns the new checkpoint. The data reaches the
    /// operating system (it survives the process dying), not necessarily the disk (a power cut).
    /// </summary>
    public PartCheckpoint Flush()
    {
        WriteBuffer();
        _compressor?.Flush();
        _file.Flush();
        return Checkpoint = new PartCheckpoint(_lastKey, _rows, _file.Position, _contentBytes, _contentCrc);
    }

    /// <summary>Flushes and describes the finished part for the merge step.</summary>
    public ExportPart Complete()
    {
        var checkpoint = Flush();
        return new ExportPart(Path, checkpoint.Rows, checkpoint.Bytes, checkpoint.ContentBytes, checkpoint.ContentCrc32);
    }

    private void WriteBuffer()
    {
        var content = _buffer.WrittenSpan;
        if (_compressor is null) _file.Write(content);
        else
        {
            _contentCrc = Crc32.Update(_contentCrc, content);
            _compressor.Write(content);
        }
        _contentBytes += content.Length;
        _buffer.Clear();
    }

    public void Dispose()
    {
        // Ending the compressor appends a final deflate block after the last checkpoint: merges and
        // resumes use only the checkpointed bytes, so it is never read.
        _compressor?.Dispose();
        _file.Dispose();
    }
}
