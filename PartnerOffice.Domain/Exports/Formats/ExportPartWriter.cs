using PartnerOffice.Exports.Datasets;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Appends rows to one partition's part file. Rows are encoded into a buffer and written in large
/// blocks, so memory stays flat; <see cref="Flush"/> makes everything so far part of the file and returns
/// the checkpoint to record. Opening with a checkpoint truncates the file to it and continues there.
/// Not thread-safe: one writer per partition.
/// </summary>
public sealed class ExportPartWriter : IDisposable
{
    private const int WriteThreshold = 256 * 1024;
    private readonly FileStream _file;
    private readonly ExportRowEncoder _encoder;
    private readonly Utf8Buffer _buffer = new(WriteThreshold + 16 * 1024);
    private long _rows;
    private long? _lastKey;

    internal ExportPartWriter(string path, ExportRowEncoder encoder, PartCheckpoint resumeFrom)
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
        _rows = resumeFrom.Rows;
        _lastKey = resumeFrom.LastKey;
        Checkpoint = resumeFrom;
    }

    public string Path { get; }

    /// <summary>The state after the last <see cref="Flush"/> (or the one resumed from).</summary>
    public PartCheckpoint Checkpoint { get; private set; }

    /// <summary>Rows written so far, including those not yet flushed.</summary>
    public long Rows => _rows;

    public void WriteRow(IExportRowReader row)
    {
        _encoder.Encode(row, _buffer);
        _rows++;
        _lastKey = row.Key;
        if (_buffer.Length >= WriteThreshold) WriteBuffer();
    }

    /// <summary>Reads and writes up to <paramref name="maxRows"/> rows (a chunk); returns how many, 0 at the end.</summary>
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
        _file.Flush();
        return Checkpoint = new PartCheckpoint(_lastKey, _rows, _file.Position);
    }

    /// <summary>Flushes and describes the finished part for the merge step.</summary>
    public ExportPart Complete()
    {
        var checkpoint = Flush();
        return new ExportPart(Path, checkpoint.Rows, checkpoint.Bytes);
    }

    private void WriteBuffer()
    {
        _file.Write(_buffer.WrittenSpan);
        _buffer.Clear();
    }

    public void Dispose() => _file.Dispose();
}
