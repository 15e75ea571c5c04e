using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Running;

/// <summary>
/// The one component that changes a job execution's status: it checks the move against
/// <see cref="JobStatusTransitions"/>, applies it as a conditional update, and publishes the change. An ending that
/// no run makes (an operator cancels a queued execution or abandons one, a dead process's lease expires) tells the
/// job's after-job listeners before it is published, as a run does for its own ending: whoever reacts to any ending
/// event sees what the listeners wrote.
/// </summary>
internal sealed class JobStateMachine(
    JobRepository repository,
    JobEventHub events,
    JobRegistry registry,
    IServiceScopeFactory scopes,
    JobMetrics metrics,
    QueuedEventOrder order,
    ILogger<JobStateMachine> logger)
{
    /// <summary>Moves from a known status; null when the execution was no longer in it (someone else moved it).</summary>
    public async Task<JobExecution?> TryMoveAsync(long executionId, JobStatus from, JobStatus to, StatusChange change, CancellationToken cancellationToken)
    {
        using var queuing = to == JobStatus.Queued ? await order.QueuingAsync(cancellationToken) : null;
        if (await repository.TryTransitionAsync(executionId, from, to, change, cancellationToken) is not { } execution) return null;
        if (!to.IsActive() && !change.ListenersNotified) await NotifyAfterJobAsync(execution);
        return await PublishAsync(execution, to, cancellationToken);
    }

    /// <summary>Tells the event stream and the metrics of a move made; a claim's Running waits for a Queued still going out.</summary>
    private async Task<JobExecution> PublishAsync(JobExecution execution, JobStatus to, CancellationToken cancellationToken)
    {
        if (to == JobStatus.Running) await order.AfterQueuingAsync(cancellationToken);
        events.PublishStatus(execution);
        metrics.Moved(execution, to);
        return execution;
    }

    private async Task NotifyAfterJobAsync(JobExecution execution)
    {
        if (!registry.TryGet(execution.JobName, out var job)) return;
        await using var scope = scopes.CreateAsyncScope();
        var listeners = job.ListenerFactories.Select(create => create(scope.ServiceProvider));
        await AfterJobListeners.NotifyAsync(listeners, new JobRunContext(execution, scope.ServiceProvider), logger);
    }

    /// <summary>
    /// Moves from whatever status the execution is in now, re-reading when a concurrent change wins the race.
    /// Throws <see cref="IllegalStatusTransitionException"/> when the current status does not allow the move.
    /// </summary>
    public async Task<JobExecution> MoveAsync(long executionId, Func<JobExecution, JobStatus> target, StatusChange change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await repository.GetExecutionAsync(executionId, cancellationToken)
                          ?? throw new KeyNotFoundException($"There is no job execution {executionId}.");
            var to = target(current);
            JobStatusTransitions.Ensure(current.Status, to);
            if (await TryMoveAsync(executionId, current.Status, to, change, cancellationToken) is { } moved) return moved;
        }
    }

    /// <summary>Claims the oldest Queued execution of the claim's jobs for its owner.</summary>
    public async Task<JobExecution?> ClaimNextAsync(NextClaim claim, CancellationToken cancellationToken)
    {
        var claimed = await repository.ClaimOldestQueuedAsync(claim.JobNames, claim.Change, cancellationToken);
        return claimed is null ? null : await PublishAsync(claimed, JobStatus.Running, cancellationToken);
    }

    /// <summary>
    /// An ending as <see cref="TryMoveAsync"/> makes it, together with the worker's next claim, which is made even when the
    /// ending no longer applied: the ended execution (null when it was no longer in <paramref name="from"/>) and the claimed one.
    /// </summary>
    public async Task<(JobExecution? Ended, JobExecution? Claimed)> TryEndThenClaimAsync(long executionId, JobStatus from, JobStatus to,
        StatusChange ending, NextClaim claim, CancellationToken cancellationToken)
    {
        var (ended, claimed) = await repository.TryEndThenClaimAsync(executionId, from, to, ending, claim.JobNames, claim.Change, cancellationToken);
        if (ended is not null)
        {
            if (!ending.ListenersNotified) await NotifyAfterJobAsync(ended);
            await PublishAsync(ended, to, cancellationToken);
        }
        if (claimed is not null) await PublishAsync(claimed, JobStatus.Running, cancellationToken);
        return (ended, claimed);
    }
}

/// <summary>A worker's claim of the oldest Queued execution of <paramref name="JobNames"/>, held by <paramref name="Owner"/> for <paramref name="Lease"/>.</summary>
internal sealed record NextClaim(IReadOnlyCollection<string> JobNames, string Owner, TimeSpan Lease)
{
    public StatusChange Change => new() { NewOwner = Owner, Lease = Lease };
}
