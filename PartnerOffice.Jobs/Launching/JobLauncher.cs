using System.Data.Common;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Launching;

/// <summary>Launching is durable: an execution is a stored Queued row before anything runs.</summary>
public interface IJobLauncher
{
    /// <summary>Stores a Queued execution and wakes this process's workers.</summary>
    Task<JobExecution> EnqueueAsync(string jobName, JobParameters parameters, string? requestedBy = null, string? tenant = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a Queued execution in the caller's open transaction (same database file), so a business row and its
    /// execution commit together. No worker sees it until the caller commits: call <see cref="WakeWorkers"/> then.
    /// </summary>
    Task<JobExecution> EnqueueAsync(string jobName, JobParameters parameters, DbTransaction transaction, string? requestedBy = null,
        string? tenant = null, CancellationToken cancellationToken = default);

    /// <summary>Makes idle workers look for queued work now rather than at the next poll.</summary>
    void WakeWorkers();
}

internal sealed class JobLauncher(JobRegistry registry, JobRepository repository, JobEventHub events, WakeSignal signal, QueuedEventOrder order)
    : IJobLauncher
{
    public async Task<JobExecution> EnqueueAsync(string jobName, JobParameters parameters, string? requestedBy = null, string? tenant = null,
        CancellationToken cancellationToken = default)
    {
        var launch = LaunchOf(jobName, parameters, requestedBy, tenant);
        JobExecution execution;
        using (await order.QueuingAsync(cancellationToken))
        {
            execution = await repository.EnqueueAsync(launch, cancellationToken);
            events.PublishStatus(execution);
        }
        WakeWorkers();
        return execution;
    }

    public Task<JobExecution> EnqueueAsync(string jobName, JobParameters parameters, DbTransaction transaction, string? requestedBy = null,
        string? tenant = null, CancellationToken cancellationToken = default) =>
        // No event yet: the caller may still roll back. Workers publish Running once they claim it.
        repository.EnqueueAsync(LaunchOf(jobName, parameters, requestedBy, tenant), transaction, cancellationToken);

    public void WakeWorkers() => signal.Pulse();

    private JobLaunch LaunchOf(string jobName, JobParameters parameters, string? requestedBy, string? tenant)
    {
        var job = registry.Get(jobName);
        job.Validator?.Validate(parameters);
        return new JobLaunch(jobName, parameters, requestedBy, tenant)
        {
            Incrementer = job.Incrementer,
            AllowRerunWhenCompleted = job.AllowRerunWhenCompleted,
        };
    }
}

/// <summary>Wakes an idle loop (workers, the scheduler, a feature's own worker); each waiter gets the pulse that follows the moment it looked for work.</summary>
public sealed class WakeSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next pulse. Take it before looking for work, so a pulse in between is not missed.</summary>
    public Task NextPulse => Volatile.Read(ref next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
