using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Running;

namespace PartnerOffice.Jobs.Launching;

/// <summary>
/// A bounded set of workers that claim the oldest Queued execution (an atomic conditional update, so two
/// processes never take the same one) and run it; they wake on an in-process enqueue and otherwise poll for work
/// queued by other processes. A watcher hands executions of dead processes (expired leases) back to the queue.
/// </summary>
public sealed class JobWorkerPool : BackgroundService
{
    private readonly JobRegistry registry;
    private readonly JobRepository repository;
    private readonly JobStateMachine stateMachine;
    private readonly JobRunner runner;
    private readonly WakeSignal signal;
    private readonly TimeProvider time;
    private readonly JobEngineOptions options;
    private readonly ILogger<JobWorkerPool> logger;
    private long claims;

    internal JobWorkerPool(JobRegistry registry, JobRepository repository, JobStateMachine stateMachine, JobRunner runner,
        WakeSignal signal, TimeProvider time, IOptions<JobEngineOptions> options, ILogger<JobWorkerPool> logger)
    {
        this.registry = registry;
        this.repository = repository;
        this.stateMachine = stateMachine;
        this.runner = runner;
        this.signal = signal;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>Names this process in lease owners, for the admin pages.</summary>
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.WorkerCount <= 0) return Task.CompletedTask;
        var loops = Enumerable.Range(0, options.WorkerCount).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)).ToList();
        loops.Add(Task.Run(() => WatchLeasesAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll(loops);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextPulse;
            try
            {
                var owner = $"{Id}#{Interlocked.Increment(ref claims)}";
                if (await stateMachine.ClaimNextAsync(registry.Names, owner, options.LeaseDuration, stoppingToken) is { } claimed)
                {
                    await runner.RunAsync(claimed, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "A job worker failed; it carries on after the poll interval");
            }
            await WaitAsync(wake, stoppingToken);
        }
    }

    private async Task WaitAsync(Task wake, CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake, Task.Delay(options.PollInterval, time, poll.Token));
        await poll.CancelAsync();
    }

    private async Task WatchLeasesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecoverExpiredLeasesAsync(stoppingToken);
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "Checking job leases failed");
            }
        }
    }

    /// <summary>
    /// Executions whose process stopped renewing the lease: resumed (back to Queued) or failed as the job's
    /// policy says; one that was stopping ends Stopped (or Cancelled). Returns how many were queued again.
    /// </summary>
    internal async Task<int> RecoverExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        var requeued = 0;
        foreach (var execution in await repository.FindExpiredLeasesAsync(cancellationToken))
        {
            if (!registry.TryGet(execution.JobName, out var job)) continue;
            var to = execution.Status == JobStatus.Stopping
                ? execution.CancelRequested ? JobStatus.Cancelled : JobStatus.Stopped
                : job.LeaseExpiry == LeaseExpiryPolicy.Resume ? JobStatus.Queued : JobStatus.Failed;
            const string description = "The process running it stopped renewing its lease.";
            var change = new StatusChange
            {
                ExpectedOwner = execution.LeaseOwner,
                OnlyIfLeaseExpired = true,
                ExitDescription = description,
                Error = to == JobStatus.Failed ? description : null,
            };
            if (await stateMachine.TryMoveAsync(execution.Id, execution.Status, to, change, cancellationToken) is not null)
            {
                logger.LogWarning("Job execution {ExecutionId} lost its process (lease of {Owner} expired): now {Status}", execution.Id, execution.LeaseOwner, to);
                if (to == JobStatus.Queued) requeued++;
            }
        }
        if (requeued > 0) signal.Pulse();
        return requeued;
    }
}
