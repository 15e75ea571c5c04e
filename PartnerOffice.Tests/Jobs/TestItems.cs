using PartnerOffice.Jobs.Steps;
using PartnerOffice.Tests.JobHost;

namespace PartnerOffice.Tests.Jobs;

/// <summary>Wraps a writer and throws what <c>failure</c> returns for a chunk, before anything is written.</summary>
internal sealed class FailingWriter(IItemWriter<NumberItem> inner, Func<IReadOnlyList<NumberItem>, Exception?> failure) : IItemWriter<NumberItem>
{
    public Task WriteAsync(Chunk<NumberItem> chunk, CancellationToken cancellationToken) =>
        failure(chunk.Items) is { } error ? Task.FromException(error) : inner.WriteAsync(chunk, cancellationToken);
}

internal static class Numbers
{
    public static IReadOnlyList<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => (long)n).ToList();
}
