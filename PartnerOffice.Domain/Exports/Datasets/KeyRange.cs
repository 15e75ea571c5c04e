namespace PartnerOffice.Exports.Datasets;

/// <summary>An inclusive range of row keys: the unit of work of one export partition.</summary>
public readonly record struct KeyRange(long First, long Last)
{
    public bool IsEmpty => First > Last;

    /// <summary>
    /// Splits the range into at most <paramref name="partitions"/> contiguous, non-overlapping ranges of
    /// nearly equal key spans. Rows are spread evenly over keys in this data, so equal spans give
    /// partitions of about equal size without a costly quantile query.
    /// </summary>
    public IReadOnlyList<KeyRange> Split(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (IsEmpty) return [];
        // UInt128: the span of the widest range (all longs) does not fit in 64 bits.
        var span = (UInt128)unchecked((ulong)(Last - First)) + 1;
        var count = (int)UInt128.Min((UInt128)partitions, span);
        var ranges = new KeyRange[count];
        var first = First;
        for (var i = 0; i < count; i++)
        {
            // The remainder goes to the first ranges, one key each, so every key is covered exactly once.
            var size = span / (UInt128)count + ((UInt128)i < span % (UInt128)count ? UInt128.One : UInt128.Zero);
            var last = unchecked(first + (long)(ulong)(size - 1));
            ranges[i] = new KeyRange(first, last);
            first = unchecked(last + 1);
        }
        return ranges;
    }

    /// <summary>The part of this range after a checkpoint: where a restarted partition continues.</summary>
    public KeyRange After(long? lastKeyWritten) =>
        lastKeyWritten is { } key ? this with { First = Math.Max(First, key + 1) } : this;
}
