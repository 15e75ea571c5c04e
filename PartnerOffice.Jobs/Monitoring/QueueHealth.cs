namespace PartnerOffice.Jobs.Monitoring;

/// <summary>One node's workers: how many run an execution now, of how many it has.</summary>
public sealed record NodeLoad(string Id, int Workers, int Busy, DateTime StartedAt, DateTime SeenAt);

/// <summary>The executions that ended in one hour (UTC, the hour's start), by outcome.</summary>
public sealed record HourlyOutcome(DateTime Hour, int Completed, int Failed);

/// <summary>A job's completed runs over the period, and its longest one.</summary>
public sealed record SlowJob(string JobName, int Runs, TimeSpan Average, TimeSpan Longest, long LongestExecutionId);

/// <summary>
/// The queue at a glance, for the admin dashboard: what waits and runs, how long the oldest has waited, each live node's
/// workers, the last 24 hours' outcomes hour by hour, and the jobs that took longest.
/// </summary>
public sealed record QueueHealth(
    DateTime At,
    int Queued,
    int Running,
    DateTime? OldestQueuedAt,
    IReadOnlyList<NodeLoad> Nodes,
    IReadOnlyList<HourlyOutcome> LastDay,
    IReadOnlyList<SlowJob> Slowest)
{
    public TimeSpan? OldestQueuedAge => OldestQueuedAt is { } at ? At - at : null;
}
