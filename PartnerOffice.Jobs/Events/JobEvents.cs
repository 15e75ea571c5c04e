using Microsoft.Extensions.Logging;

namespace PartnerOffice.Jobs.Events;

public enum JobEventKind
{
    StatusChanged,
    Progress,
}

/// <summary>A snapshot of one execution at a status change or progress update.</summary>
public sealed record JobEvent(
    JobEventKind Kind,
    long ExecutionId,
    string JobName,
    string? Tenant,
    string? RequestedBy,
    JobStatus Status,
    long ProgressCurrent,
    long? ProgressTotal,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    string? Error,
    DateTime OccurredAt)
{
    /// <summary>The process that published it (<see cref="JobEventHub.Node"/>); events of other nodes arrive relayed.</summary>
    public string? Node { get; init; }

    internal static JobEvent Of(JobEventKind kind, JobExecution e, DateTime now) =>
        new(kind, e.Id, e.JobName, e.Tenant, e.RequestedBy, e.Status, e.ProgressCurrent, e.ProgressTotal,
            e.CreatedAt, e.StartedAt, e.EndedAt, e.Error, now);
}

/// <summary>In-process stream of job events for live views and alerts.</summary>
public interface IJobEvents
{
    /// <summary>
    /// Handlers run on the publishing thread and must be quick (hand off to a UI dispatcher or a channel). Nodes sharing
    /// a PostgreSQL database relay their events to each other, so a handler sees every node's executions.
    /// </summary>
    IDisposable Subscribe(Action<JobEvent> handler);

    /// <summary>This process, as <see cref="JobEvent.Node"/> names it: events of another node are relayed ones.</summary>
    string Node { get; }
}

/// <summary>
/// Publishes every status change at once, and progress at most once per interval per execution; the last
/// progress of a burst is delivered when the interval ends, so a view never stays behind.
/// </summary>
/// <param name="node">This process's name in the events (the repository's <see cref="Repository.JobRepository.Node"/>).</param>
public sealed class JobEventHub(TimeProvider time, TimeSpan progressInterval, ILogger<JobEventHub> logger, string node) : IJobEvents
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, ProgressThrottle> throttles = new();
    private Action<JobEvent>[] handlers = [];

    /// <summary>This process, in the events it publishes.</summary>
    public string Node { get; } = node;

    public IDisposable Subscribe(Action<JobEvent> handler)
    {
        lock (gate) handlers = [.. handlers, handler];
        return new Subscription(() =>
        {
            lock (gate) handlers = handlers.Where(h => h != handler).ToArray();
        });
    }

    internal void PublishStatus(JobExecution execution)
    {
        lock (gate)
        {
            // A status change carries the latest progress, so a pending progress event is obsolete.
            if (throttles.Remove(execution.Id, out var throttle)) throttle.Timer?.Dispose();
        }
        Deliver(JobEvent.Of(JobEventKind.StatusChanged, execution, Now) with { Node = Node });
    }

    internal void PublishProgress(JobExecution execution)
    {
        var progress = JobEvent.Of(JobEventKind.Progress, execution, Now) with { Node = Node };
        lock (gate)
        {
            var throttle = throttles.GetValueOrDefault(execution.Id) ?? (throttles[execution.Id] = new ProgressThrottle());
            var wait = throttle.LastSentAt + progressInterval - progress.OccurredAt;
            if (wait > TimeSpan.Zero)
            {
                throttle.Pending = progress;
                throttle.Timer ??= time.CreateTimer(_ => FlushPending(execution.Id), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
            throttle.LastSentAt = progress.OccurredAt;
        }
        Deliver(progress);
    }

    private void FlushPending(long executionId)
    {
        JobEvent? pending;
        lock (gate)
        {
            if (!throttles.TryGetValue(executionId, out var throttle)) return;
            throttle.Timer?.Dispose();
            throttle.Timer = null;
            pending = throttle.Pending;
            throttle.Pending = null;
            if (pending is null) return;
            throttle.LastSentAt = Now;
        }
        Deliver(pending with { OccurredAt = Now });
    }

    /// <summary>Hands another node's event to this process's handlers (it was throttled where it was published).</summary>
    internal void DeliverRelayed(JobEvent jobEvent) => Deliver(jobEvent);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private void Deliver(JobEvent jobEvent)
    {
        foreach (var handler in Volatile.Read(ref handlers))
        {
            try { handler(jobEvent); }
            catch (Exception ex) { logger.LogError(ex, "A job event handler failed for execution {ExecutionId}", jobEvent.ExecutionId); }
        }
    }

    private sealed class ProgressThrottle
    {
        public DateTime LastSentAt { get; set; } = DateTime.MinValue;
        public JobEvent? Pending { get; set; }
        public ITimer? Timer { get; set; }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) unsubscribe();
        }
    }
}
