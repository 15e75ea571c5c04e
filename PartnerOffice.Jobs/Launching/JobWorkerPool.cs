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
    private DateTime startedAt;

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
    public string Id { get; } = Monitoring.JobNodeNames.New();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.WorkerCount <= 0) return Task.CompletedTask;
        var loops = Enumerable.Range(0, options.WorkerCount).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)).ToList();
        loops.Add(Task.Run(() => WatchLeasesAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll(loops);
    }

    /// <summary>
    /// Runs one Queued execution in this process now, whatever <see cref="JobEngineOptions.WorkerCount"/> says (the
    /// command line's <c>job run</c>): claimed as a worker claims it, with a lease, and run to its end. Returns the
    /// ended execution, or null when another process claimed it first.
    /// </summary>
    public async Task<JobExecution?> RunHereAsync(long executionId, CancellationToken cancellationToken = default)
    {
        var change = NextClaim().Change;
        if (await stateMachine.TryMoveAsync(executionId, JobStatus.Queued, JobStatus.Running, change, cancellationToken) is not { } claimed) return null;
        await runner.RunAsync(claimed, next: null, cancellationToken);
        return await repository.GetExecutionAsync(executionId, CancellationToken.None);
    }

    /// <summary>
    /// Claims and runs executions until the node stops. While work is queued, each run's ending claims the worker's next
    /// execution where that saves a round trip (PostgreSQL); an idle worker waits for a wake-up or the poll interval.
    /// </summary>
    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        JobExecution? claimed = null;
        // One claimed as the node began to stop still runs: aborted at once, it goes back to the queue.
        while (claimed is not null || !stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextPulse;
            try
            {
                if ((claimed ?? await stateMachine.ClaimNextAsync(NextClaim(), stoppingToken)) is { } run)
                {
                    claimed = null;
                    var next = repository.EndsAndClaimsAtOnce && !stoppingToken.IsCancellationRequested ? NextClaim() : null;
                    claimed = await runner.RunAsync(run, next, stoppingToken);
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

    /// <summary>A claim by a new owner of this node's: each claim's owner is its own, so a lease names one run.</summary>
    private NextClaim NextClaim() => new(registry.Names, $"{Id}#{Interlocked.Increment(ref claims)}", options.LeaseDuration);

    /// <summary>The node is on the dashboards from its start, before any heartbeat.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        startedAt = time.GetUtcNow().UtcDateTime;
        if (options.WorkerCount > 0) await repository.RecordNodeAsync(Id, options.WorkerCount, startedAt, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.WorkerCount <= 0) return;
        try
        {
            await repository.RemoveNodeAsync(Id, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // It drops out of the dashboard by itself once its heartbeat is overdue.
            logger.LogWarning("Could not sign this node off the job repository: {Reason}", error.Message);
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
        var reported = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The node's heartbeat, so every node's dashboard shows this one's workers.
                if (time.GetUtcNow() - reported >= options.HeartbeatInterval)
                {
                    await repository.RecordNodeAsync(Id, options.WorkerCount, startedAt, stoppingToken);
                    reported = time.GetUtcNow();
                }
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
