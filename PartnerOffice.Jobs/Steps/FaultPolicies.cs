namespace PartnerOffice.Jobs.Steps;

/// <summary>Which exceptions let a chunk step pass over an item, and how many items it may pass over in all.</summary>
public sealed class SkipPolicy(IReadOnlyCollection<Type> skippable, long limit)
{
    public static readonly SkipPolicy None = new([], 0);

    public long Limit { get; } = limit;

    public bool IsSkippable(Exception error) => skippable.Any(type => type.IsInstanceOfType(error));

    internal void EnsureWithinLimit(long skipCount, Exception cause)
    {
        if (skipCount > Limit) throw new SkipLimitExceededException(Limit, cause);
    }
}

/// <summary>Which exceptions are worth another attempt, how many attempts in all, and how long to wait between them.</summary>
public sealed class RetryPolicy(IReadOnlyCollection<Type> retryable, int maxAttempts, Func<int, TimeSpan> backoff)
{
    public static readonly RetryPolicy None = new([], 1, _ => TimeSpan.Zero);

    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>Whether attempt number <paramref name="attempt"/> (1-based) that failed with the error may be followed by another.</summary>
    public bool ShouldRetry(Exception error, int attempt) =>
        attempt < MaxAttempts && retryable.Any(type => type.IsInstanceOfType(error));

    /// <summary>Waits on the run's clock, so tests advance time instead of sleeping.</summary>
    internal Task WaitBeforeRetryAsync(int attempt, TimeProvider time, CancellationToken cancellationToken) =>
        backoff(attempt) is var delay && delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
}

public sealed class SkipLimitExceededException(long limit, Exception cause)
    : Exception($"More than {limit} items were skipped; the last one: {cause.Message}", cause);
