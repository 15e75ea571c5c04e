namespace PartnerOffice.Jobs.Steps;

/// <summary>
/// Splits an inclusive key range into contiguous ranges of about equal width, one partition each, named
/// <c>p0</c>, <c>p1</c>, …; each partition's context holds <see cref="MinKey"/> and <see cref="MaxKey"/>.
/// </summary>
public sealed class KeyRangePartitioner(Func<StepContext, CancellationToken, Task<(long Min, long Max)?>> bounds, int partitions) : IPartitioner
{
    public const string MinKey = "partition.minKey";
    public const string MaxKey = "partition.maxKey";

    public async Task<IReadOnlyList<Partition>> PartitionAsync(StepContext context, CancellationToken cancellationToken) =>
        await bounds(context, cancellationToken) is { } range ? Split(range.Min, range.Max, partitions) : [];

    public static IReadOnlyList<Partition> Split(long min, long max, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (max < min) return [];
        var width = Math.Max(1, (max - min + partitions) / partitions);
        var result = new List<Partition>();
        for (var start = min; start <= max; start += width)
        {
            var context = new ExecutionContext();
            context.Put(MinKey, start);
            context.Put(MaxKey, Math.Min(max, start + width - 1));
            result.Add(new Partition($"p{result.Count}", context));
        }
        return result;
    }
}
