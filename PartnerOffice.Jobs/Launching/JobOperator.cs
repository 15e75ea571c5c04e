using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Monitoring;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Running;

namespace PartnerOffice.Jobs.Launching;

/// <summary>What admins do to executions, and what the admin pages ask about them.</summary>
public interface IJobOperator
{
    /// <summary>Failed or Stopped → Queued; the rerun skips completed steps and partitions and resumes the rest from their checkpoints.</summary>
    Task<JobExecution> RestartAsync(long executionId, CancellationToken cancellationToken = default);

    /// <summary>Queued: cancelled, never starts. Running: stops after the current chunk and ends Stopped (restartable).</summary>
    Task<JobExecution> StopAsync(long executionId, CancellationToken cancellationToken = default);

    /// <summary>Like stop, but the execution ends Cancelled for good; its after-job listeners clean up.</summary>
    Task<JobExecution> CancelAsync(long executionId, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a Queued, Failed or Stopped execution: it will never run again.</summary>
    Task<JobExecution> AbandonAsync(long executionId, CancellationToken cancellationToken = default);

    Task<JobExecutionPage> ListAsync(JobExecutionQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restarts every Failed execution the query matches (its status filter is ignored). An execution another operator
    /// moved meanwhile is left as it is and not counted.
    /// </summary>
    /// <returns>The executions restarted.</returns>
    Task<IReadOnlyList<long>> RestartFailedAsync(JobExecutionQuery query, CancellationToken cancellationToken = default);

    Task<JobExecutionDetails?> GetAsync(long executionId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SkippedItem>> GetSkippedItemsAsync(long stepExecutionId, CancellationToken cancellationToken = default);

    /// <summary>The execution's run log, oldest line first (its newest <see cref="JobEngineOptions.RunLogLines"/> lines).</summary>
    Task<IReadOnlyList<JobLogEntry>> GetLogAsync(long executionId, CancellationToken cancellationToken = default);

    /// <summary>The queue, every live node's workers, the last 24 hours' outcomes and the slowest jobs.</summary>
    Task<QueueHealth> HealthAsync(CancellationToken cancellationToken = default);
}

/// <summary>An execution with its step executions (steps, partition managers and partitions).</summary>
public sealed record JobExecutionDetails(JobExecution Execution, IReadOnlyList<StepExecution> Steps);

internal sealed class JobOperator(JobRepository repository, JobStateMachine stateMachine, RunningJobs running, WakeSignal signal,
    TimeProvider time, IOptions<JobEngineOptions> options) : IJobOperator
{
    /// <summary>A node counts as live until it misses three heartbeats.</summary>
    public Task<QueueHealth> HealthAsync(CancellationToken cancellationToken = default) =>
        repository.QueueHealthAsync(3 * options.Value.HeartbeatInterval, slowest: 5, cancellationToken);

    public async Task<JobExecution> RestartAsync(long executionId, CancellationToken cancellationToken = default)
    {
        var restarted = await stateMachine.MoveAsync(executionId, _ => JobStatus.Queued, new StatusChange(), cancellationToken);
        await LogMoveAsync(restarted, "restarted it", cancellationToken);
        signal.Pulse();
        return restarted;
    }

    public async Task<IReadOnlyList<long>> RestartFailedAsync(JobExecutionQuery query, CancellationToken cancellationToken = default)
    {
        // Oldest first, a page at a time: what is restarted (or moved by someone else meanwhile) leaves the Failed set,
        // so each page is the first page again.
        var failed = query with { Statuses = [JobStatus.Failed], Sort = JobExecutionSort.Created, Descending = false, Skip = 0, Take = 200 };
        var restarted = new List<long>();
        var tried = new HashSet<long>();
        while ((await repository.QueryExecutionsAsync(failed, cancellationToken)).Items.Where(e => tried.Add(e.Id)).ToList() is { Count: > 0 } page)
        {
            foreach (var execution in page)
                if (await stateMachine.TryMoveAsync(execution.Id, JobStatus.Failed, JobStatus.Queued, new StatusChange(), cancellationToken) is { } moved)
                {
                    restarted.Add(execution.Id);
                    await LogMoveAsync(moved, "restarted it with every failed execution of a filter", cancellationToken);
                }
            signal.Pulse();
        }
        return restarted;
    }

    public Task<JobExecution> StopAsync(long executionId, CancellationToken cancellationToken = default) =>
        StopAsync(executionId, cancel: false, cancellationToken);

    public Task<JobExecution> CancelAsync(long executionId, CancellationToken cancellationToken = default) =>
        StopAsync(executionId, cancel: true, cancellationToken);

    public async Task<JobExecution> AbandonAsync(long executionId, CancellationToken cancellationToken = default)
    {
        var abandoned = await stateMachine.MoveAsync(executionId, _ => JobStatus.Abandoned, new StatusChange { ExitDescription = "Abandoned by an operator." },
            cancellationToken);
        await LogMoveAsync(abandoned, "abandoned it", cancellationToken);
        return abandoned;
    }

    private async Task<JobExecution> StopAsync(long executionId, bool cancel, CancellationToken cancellationToken)
    {
        var change = new StatusChange { Cancel = cancel };
        var moved = await stateMachine.MoveAsync(executionId, current => current.Status switch
        {
            JobStatus.Queued => JobStatus.Cancelled,
            JobStatus.Stopped when cancel => JobStatus.Cancelled,
            _ => JobStatus.Stopping,
        }, change, cancellationToken);
        // A run in this process stops at its next chunk; one in another process learns it at its next heartbeat.
        if (moved.Status == JobStatus.Stopping) running.RequestStop(executionId);
        await LogMoveAsync(moved, cancel ? "cancelled it" : "stopped it", cancellationToken);
        return moved;
    }

    /// <summary>Operators' moves go into the run log beside what the runs did.</summary>
    private Task LogMoveAsync(JobExecution moved, string what, CancellationToken cancellationToken) =>
        repository.AppendLogAsync(new JobLogEntry
        {
            JobExecutionId = moved.Id,
            At = time.GetUtcNow().UtcDateTime,
            Level = Microsoft.Extensions.Logging.LogLevel.Information,
            Message = $"An operator {what}: now {moved.Status}.",
        }, options.Value.RunLogLines, cancellationToken);

    public Task<JobExecutionPage> ListAsync(JobExecutionQuery query, CancellationToken cancellationToken = default) =>
        repository.QueryExecutionsAsync(query, cancellationToken);

    public async Task<JobExecutionDetails?> GetAsync(long executionId, CancellationToken cancellationToken = default) =>
        await repository.GetExecutionAsync(executionId, cancellationToken) is { } execution
            ? new JobExecutionDetails(execution, await repository.GetStepExecutionsAsync(executionId, cancellationToken))
            : null;

    public Task<IReadOnlyList<SkippedItem>> GetSkippedItemsAsync(long stepExecutionId, CancellationToken cancellationToken = default) =>
        repository.GetSkippedItemsAsync(stepExecutionId, cancellationToken);

    public Task<IReadOnlyList<JobLogEntry>> GetLogAsync(long executionId, CancellationToken cancellationToken = default) =>
        repository.GetLogAsync(executionId, cancellationToken);
}
