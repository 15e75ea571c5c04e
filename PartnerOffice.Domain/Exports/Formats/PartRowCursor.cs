namespace PartnerOffice.Exports.Formats;

/// <summary>
/// Reads the rows of xlsx parts in order, a given number at a time, so that a sheet can end in the
/// middle of a part. Rows end with <c>&lt;/row&gt;</c>, which never occurs inside escaped cell text.
/// </summary>
internal sealed class PartRowCursor(IReadOnlyList<ExportPart> parts)
{
    private static readonly byte[] RowEnd = "</row>"u8.ToArray();
    private int _part;
    private long _offset;
    private long _rowsTaken;

    public async Task CopyAsync(long rows, Stream output, CancellationToken cancellationToken)
    {
        while (rows > 0)
        {
            if (_part >= parts.Count) throw new InvalidOperationException("The parts hold fewer rows than their counts say.");
            var part = parts[_part];
            var left = part.Rows - _rowsTaken;
            if (left <= rows)
            {
                await PartFiles.CopyAsync(part, _offset, output, cancellationToken);
                rows -= left;
                (_part, _offset, _rowsTaken) = (_part + 1, 0, 0);
            }
            else
            {
                _offset = await CopyRowsAsync(part, _offset, rows, output, cancellationToken);
                _rowsTaken += rows;
                rows = 0;
            }
        }
    }

    /// <summary>Copies <paramref name="rows"/> whole rows from <paramref name="offset"/>; returns the offset after them.</summary>
    private static async Task<long> CopyRowsAsync(ExportPart part, long offset, long rows, Stream output, CancellationToken cancellationToken)
    {
        await using var input = PartFiles.OpenRead(part.Path);
        input.Position = offset;
        var buffer = new byte[PartFiles.CopyBufferSize];
        var position = offset; // file offset of buffer[0]
        var carried = 0;       // bytes kept from the last block: the start of a row end split across blocks
        var found = 0L;
        while (true)
        {
            var read = await input.ReadAsync(buffer.AsMemory(carried), cancellationToken);
            if (read == 0) throw new EndOfStreamException($"Part file '{part.Path}' ends before row {rows} after offset {offset}.");
            var valid = carried + read;
            var searched = 0;
            for (int match; (match = buffer.AsSpan(searched, valid - searched).IndexOf(RowEnd)) >= 0;)
            {
                searched += match + RowEnd.Length;
                if (++found == rows)
                {
                    await output.WriteAsync(buffer.AsMemory(0, searched), cancellationToken);
                    return position + searched;
                }
            }
            var keep = Math.Min(RowEnd.Length - 1, valid - searched);
            await output.WriteAsync(buffer.AsMemory(0, valid - keep), cancellationToken);
            buffer.AsSpan(valid - keep, keep).CopyTo(buffer);
            position += valid - keep;
            carried = keep;
        }
    }
}
