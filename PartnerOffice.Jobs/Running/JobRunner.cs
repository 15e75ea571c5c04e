using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Running;

/// <summary>
/// Runs a claimed execution to its end: steps in order (skipping completed ones, so a restart or a resumption
/// continues where the last run stopped), a heartbeat that keeps the lease, and the final status change.
/// </summary>
internal sealed class JobRunner(
    JobRegistry registry,
    JobRepository repository,
    JobStateMachine stateMachine,
    JobEventHub events,
    RunningJobs running,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<JobEngineOptions> options,
    JobMetrics metrics,
    ILogger<JobRunner> logger)
{
    /// <summary>Runs <paramref name="claimed"/>; its ending makes the <paramref name="next"/> claim, whose execution it returns.</summary>
    public async Task<JobExecution?> RunAsync(JobExecution claimed, NextClaim? next, CancellationToken stopping)
    {
        var job = registry.Get(claimed.JobName);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await using var scope = scopes.CreateAsyncScope();
        var run = new JobRun(claimed, job, scope.ServiceProvider, repository, events, time, logger, metrics, options.Value,
            claimed.LeaseOwner!, abort.Token);
        running.Add(run);
        var heartbeat = new Heartbeat(run, abort, repository, time, options.Value, logger);
        try
        {
            run.Note(LogLevel.Information, null, claimed.RunCount > 1
                ? $"Run {claimed.RunCount} started on {Environment.MachineName}: completed steps and partitions are skipped, the rest resume from their checkpoints."
                : $"Started on {Environment.MachineName}.");
            var (outcome, error) = await ExecuteStepsAsync(run);
            return await FinishAsync(run, outcome, error, next);
        }
        catch (Exception error) when (run.IsAbortedBy(error))
        {
            await LetGoAsync(run, stopping);
            return null;
        }
        finally
        {
            await heartbeat.DisposeAsync();
            running.Remove(run);
        }
    }

    private async Task<(JobStatus Outcome, string? Error)> ExecuteStepsAsync(JobRun run)
    {
        try
        {
            var context = new JobRunContext(run.Execution, run.Services);
            foreach (var listener in run.Listeners<IBeforeJobListener>())
                await listener.BeforeJobAsync(context, run.Aborted);
            // A first run finds no steps of earlier runs to skip.
            var existing = run.Execution.RunCount > 1 ? await repository.GetStepExecutionsAsync(run.Execution.Id, run.Aborted) : [];
            var contextSaved = run.Execution.ExecutionContext.Changes;
            var steps = run.Job.Steps;
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (run.StopRequested) return (JobStatus.Stopped, null);
                var result = await StepRunner.RunAsync(run, step, existing, last: i == steps.Count - 1);
                if (run.Execution.ExecutionContext.Changes != contextSaved)
                {
                    contextSaved = run.Execution.ExecutionContext.Changes;
                    await repository.SaveJobContextAsync(run.Execution, run.Aborted);
                }
                if (result.Status == StepStatus.Failed) return (JobStatus.Failed, $"Step '{step.Name}' failed: {result.Error}");
                if (result.Status == StepStatus.Stopped) return (JobStatus.Stopped, null);
            }
            return (JobStatus.Completed, null);
        }
        catch (Exception error) when (!run.IsAbortedBy(error))
        {
            logger.LogError(error, "Job execution {ExecutionId} ({JobName}) failed", run.Execution.Id, run.Job.Name);
            run.RecordFailure(error);
            run.Note(LogLevel.Error, null, $"Failed: {StepRunner.Describe(error)}", error);
            return (JobStatus.Failed, StepRunner.Describe(error));
        }
    }

    /// <summary>
    /// Ends the execution. An operator may have moved it to Stopping meanwhile: it then ends Stopped, or
    /// Cancelled when the stop was a cancel. After-job listeners see the final status before it is stored; the ending
    /// line of the run log commits with it. A run that completed or failed tries the move from Running first and
    /// reads the execution only when that misses. The first try also makes the worker's <paramref name="next"/> claim.
    /// </summary>
    private async Task<JobExecution?> FinishAsync(JobRun run, JobStatus outcome, string? error, NextClaim? next)
    {
        var id = run.Execution.Id;
        var current = outcome == JobStatus.Stopped ? await repository.GetExecutionAsync(id, CancellationToken.None) : run.Execution;
        StatusChange? change = null;
        JobExecution? claimed = null;
        while (current is not null && current.LeaseOwner == run.Owner)
        {
            var (from, to) = (current.Status, outcome == JobStatus.Stopped && current.CancelRequested ? JobStatus.Cancelled : outcome);
            if (change is null)
            {
                run.Execution.Status = to;
                run.Execution.Error = error;
                run.Execution.ExitDescription = run.ExitDescription ?? run.Execution.ExitDescription;
                run.Execution.EndedAt = time.GetUtcNow().UtcDateTime;
                await NotifyAfterJobAsync(run);
                run.Note(to == JobStatus.Completed ? LogLevel.Information : LogLevel.Warning, null,
                    error is null ? $"Ended {to}." : $"Ended {to}: {error}");
                change = new StatusChange
                {
                    ExpectedOwner = run.Owner, Error = error, ExitDescription = run.ExitDescription, ListenersNotified = true,
                    LogLines = run.TakeNotedLines(), KeepLogLines = run.RunLogLines, StepUpdate = run.PendingStepEnd,
                };
            }
            if (next is null)
            {
                if (await stateMachine.TryMoveAsync(id, from, to, change, CancellationToken.None) is not null) return claimed;
            }
            else
            {
                (var ended, claimed) = await stateMachine.TryEndThenClaimAsync(id, from, to, change, next, CancellationToken.None);
                next = null;
                if (ended is not null) return claimed;
            }
            current = await repository.GetExecutionAsync(id, CancellationToken.None);
        }
        logger.LogWarning("Job execution {ExecutionId} was taken over by another process before it could end", id);
        return claimed;
    }

    private Task NotifyAfterJobAsync(JobRun run) =>
        AfterJobListeners.NotifyAsync(run.Listeners<object>(), new JobRunContext(run.Execution, run.Services) { Failures = run.Failures }, logger);

    /// <summary>On shutdown, hand the execution back to the queue so the next process resumes it at once.</summary>
    private async Task LetGoAsync(JobRun run, CancellationToken stopping)
    {
        if (!stopping.IsCancellationRequested)
        {
            logger.LogWarning("Job execution {ExecutionId} lost its lease; another process resumes it", run.Execution.Id);
            return;
        }
        var change = new StatusChange { ExpectedOwner = run.Owner, LogLines = run.TakeNotedLines(), KeepLogLines = run.RunLogLines };
        await stateMachine.TryMoveAsync(run.Execution.Id, JobStatus.Running, JobStatus.Queued, change, CancellationToken.None);
    }

    /// <summary>
    /// Renews the lease every <see cref="JobEngineOptions.HeartbeatInterval"/> while the run lasts, on a timer rather than a
    /// loop per run (most runs end before their first beat); a beat still going when the next is due lets it pass. A stop
    /// requested from another process arrives with a beat; a lease found lost aborts the run.
    /// </summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly JobRun run;
        private readonly CancellationTokenSource abort;
        private readonly JobRepository repository;
        private readonly TimeSpan lease;
        private readonly ILogger logger;
        private readonly ITimer timer;
        private readonly Lock gate = new();
        private Task beating = Task.CompletedTask;
        private bool ended;

        public Heartbeat(JobRun run, CancellationTokenSource abort, JobRepository repository, TimeProvider time, JobEngineOptions options, ILogger logger)
        {
            (this.run, this.abort, this.repository, lease, this.logger) = (run, abort, repository, options.LeaseDuration, logger);
            timer = time.CreateTimer(_ => Beat(), null, options.HeartbeatInterval, options.HeartbeatInterval);
        }

        private void Beat()
        {
            lock (gate)
            {
                if (ended || !beating.IsCompleted) return;
                beating = BeatAsync();
            }
        }

        private async Task BeatAsync()
        {
            try
            {
                var current = await repository.RenewLeaseAsync(run.Execution.Id, run.Owner, lease, CancellationToken.None);
                if (current is null) await abort.CancelAsync();
                else if (current.Status == JobStatus.Stopping) run.RequestStop();
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Heartbeat of job execution {ExecutionId} failed; retrying", run.Execution.Id);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await timer.DisposeAsync();
            Task last;
            lock (gate)
            {
                ended = true;
                last = beating;
            }
            await last;
        }
    }
}
