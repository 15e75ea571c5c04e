using System.IO.Compression;

namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Feeds the rows of compressed xlsx parts, in order, into sheet entries a given number at a time. A
/// part that fits in the sheet is copied compressed, as it is; where a sheet fills up inside a part,
/// that part is inflated and compressed again, split after a <c>&lt;/row&gt;</c> (which never occurs
/// inside escaped cell text).
/// </summary>
internal sealed class XlsxPartRows(IReadOnlyList<ExportPart> parts) : IAsyncDisposable
{
    private static readonly byte[] RowEnd = "</row>"u8.ToArray();
    private readonly byte[] _buffer = new byte[PartFiles.CopyBufferSize];
    private int _part;
    private long _rowsTaken;

    // While a part is being split: its inflated content, what of it is read, and read but not yet used.
    private Stream? _inflated;
    private long _contentRead;
    private int _start, _end;

    public async Task CopyAsync(long rows, ZipEntryWriter sheet, CancellationToken cancellationToken)
    {
        while (rows > 0)
        {
            if (_part >= parts.Count) throw new InvalidOperationException("The parts hold fewer rows than their counts say.");
            var part = parts[_part];
            var left = part.Rows - _rowsTaken;
            if (_inflated is null && left <= rows)
            {
                await sheet.AppendCompressedPartAsync(part, cancellationToken);
                rows -= left;
                await NextPartAsync();
                continue;
            }
            var take = Math.Min(left, rows);
            var piece = sheet.OpenPiece();
            if (take == left) await CopyRestAsync(part, piece, cancellationToken);
            else await CopyRowsAsync(part, take, piece, cancellationToken);
            await piece.EndAsync(final: false, cancellationToken);
            rows -= take;
            _rowsTaken += take;
            if (_rowsTaken == part.Rows) await NextPartAsync();
        }
    }

    private async Task CopyRowsAsync(ExportPart part, long rows, ZipEntryWriter.DeflatePiece piece, CancellationToken cancellationToken)
    {
        for (var found = 0L; found < rows;)
        {
            var used = 0;
            for (int match; found < rows && (match = _buffer.AsSpan(_start + used, _end - _start - used).IndexOf(RowEnd)) >= 0; found++)
                used += match + RowEnd.Length;
            if (found == rows)
            {
                await piece.WriteAsync(_buffer.AsMemory(_start, used), cancellationToken);
                _start += used;
                return;
            }
            // No further row end in the buffer: pass on all but what may be the start of one, and read on.
            var keep = Math.Min(RowEnd.Length - 1, _end - _start - used);
            await piece.WriteAsync(_buffer.AsMemory(_start, _end - _start - keep), cancellationToken);
            _buffer.AsSpan(_end - keep, keep).CopyTo(_buffer);
            (_start, _end) = (0, keep);
            if (await ReadAsync(part, cancellationToken) == 0)
                throw new EndOfStreamException($"Part '{part.Path}' holds fewer rows than its count of {part.Rows}.");
        }
    }

    private async Task CopyRestAsync(ExportPart part, ZipEntryWriter.DeflatePiece piece, CancellationToken cancellationToken)
    {
        do
        {
            await piece.WriteAsync(_buffer.AsMemory(_start, _end - _start), cancellationToken);
            (_start, _end) = (0, 0);
        } while (await ReadAsync(part, cancellationToken) > 0);
    }

    /// <summary>Inflates more of the part after the unused bytes; never past its checkpointed content.</summary>
    private async Task<int> ReadAsync(ExportPart part, CancellationToken cancellationToken)
    {
        _inflated ??= new DeflateStream(PartFiles.OpenRead(part.Path), CompressionMode.Decompress);
        var wanted = (int)Math.Min(_buffer.Length - _end, part.ContentBytes - _contentRead);
        if (wanted == 0) return 0;
        var read = await _inflated.ReadAtLeastAsync(_buffer.AsMemory(_end, wanted), wanted, throwOnEndOfStream: true, cancellationToken);
        _end += read;
        _contentRead += read;
        return read;
    }

    private async Task NextPartAsync()
    {
        if (_inflated is not null) await _inflated.DisposeAsync();
        (_inflated, _contentRead, _start, _end) = (null, 0, 0, 0);
        _part++;
        _rowsTaken = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_inflated is not null) await _inflated.DisposeAsync();
    }
}
