using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Jobs.Running;

/// <summary>
/// Runs one step of a job execution, skipping what already completed: a plain step is one step execution; a
/// partitioned step is a manager step execution plus one worker step execution per partition.
/// </summary>
internal static class StepRunner
{
    /// <summary>
    /// Runs the step. The job's <paramref name="last"/> step leaves its end to be written with the run's ending
    /// (<see cref="JobRun.PendingStepEnd"/>), in the ending's own statement.
    /// </summary>
    public static async Task<StepExecution> RunAsync(JobRun run, Step step, IReadOnlyList<StepExecution> existing, bool last)
    {
        var stored = existing.FirstOrDefault(s => s.Name == step.Name);
        if (stored?.Status == StepStatus.Completed) return stored;
        if (step.Partitioning is { } plan)
        {
            var manager = stored ?? await StoreStartedAsync(run, step);
            var partitions = existing.Where(s => s.StepName == step.Name && s.PartitionName is not null).ToList();
            return await RunExecutionAsync(run, manager, context => RunPartitionsAsync(context, step, plan, partitions), started: stored is null, endsRun: false);
        }
        if (stored is not null) return await RunExecutionAsync(run, stored, step.Body.RunAsync, started: false, last);
        if (step.Body is TaskletBody tasklet)
        {
            // Most tasklets end within moments: stored once, as they end, unless one runs long enough to be worth showing.
            var fresh = New(run, step.Name, null, new ExecutionContext(), StepStatus.Running);
            return await RunExecutionAsync(run, fresh, context => RunTaskletAsync(context, tasklet), started: true, last);
        }
        return await RunExecutionAsync(run, await StoreStartedAsync(run, step), step.Body.RunAsync, started: true, last);
    }

    /// <summary>A step that never ran, stored as it starts: one write instead of a creation and a start.</summary>
    private static async Task<StepExecution> StoreStartedAsync(JobRun run, Step step) =>
        (await CreateAsync(run, [(step.Name, null, new ExecutionContext())], StepStatus.Running))[0];

    /// <summary>
    /// Runs a tasklet not stored yet; one still running after <see cref="JobEngineOptions.TaskletShownAfter"/> is stored
    /// as Running then (with the run-log lines waiting), so the execution's page shows what it is doing. The clock starts
    /// before the tasklet does, so a tasklet that blocks its thread is shown too.
    /// </summary>
    private static async Task<StepStatus> RunTaskletAsync(StepContext context, TaskletBody tasklet)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.Run.Aborted);
        var showing = ShowWhenLongAsync(context, ended.Token);
        try
        {
            return await tasklet.RunAsync(context);
        }
        finally
        {
            // A showing write already under way finishes first, so the step's end updates the row it made.
            await ended.CancelAsync();
            await showing;
        }
    }

    private static async Task ShowWhenLongAsync(StepContext context, CancellationToken ended)
    {
        var run = context.Run;
        try
        {
            await Task.Delay(run.TaskletShownAfter, run.Time, ended);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var execution = context.StepExecution;
        try
        {
            // Stored with its starting (empty) checkpoint: only a completed step's context is known to be whole.
            var row = execution.WithContext(new ExecutionContext());
            await run.Repository.AddStepExecutionsAsync([row], run.TakeNotedLines(), run.Aborted);
            execution.Id = row.Id;
        }
        catch (Exception error)
        {
            // When the run is letting go of the execution, the tasklet sees the same abort; anything else is only logged.
            if (!run.IsAbortedBy(error))
                run.Logger.LogWarning(error, "Could not show step {StepName} of job execution {ExecutionId} as running", execution.Name, run.Execution.Id);
        }
    }

    private static async Task<StepStatus> RunPartitionsAsync(StepContext manager, Step step, PartitionPlan plan, List<StepExecution> partitions)
    {
        var run = manager.Run;
        // Partitions are split once; a restart reuses them, each with its own checkpoint.
        if (partitions.Count == 0)
        {
            var split = await plan.Partitioner(manager).PartitionAsync(manager, run.Aborted);
            partitions = await CreateAsync(run, split.Select(p => (step.Name, (string?)p.Name, p.Context)).ToList(), StepStatus.Starting);
        }
        var unfinished = partitions.Where(p => p.Status != StepStatus.Completed);
        var options = new ParallelOptions { MaxDegreeOfParallelism = plan.MaxParallelism, CancellationToken = run.Aborted };
        await Parallel.ForEachAsync(unfinished, options, async (partition, _) => await RunExecutionAsync(run, partition, step.Body.RunAsync, started: false, endsRun: false));

        var failed = partitions.Where(p => p.Status == StepStatus.Failed).ToList();
        if (failed.Count > 0)
            throw new PartitionsFailedException(string.Join("; ", failed.Select(p => $"{p.PartitionName}: {p.Error}")));
        return partitions.Any(p => p.Status == StepStatus.Stopped) ? StepStatus.Stopped : StepStatus.Completed;
    }

    /// <summary>
    /// Runs a body in a step execution and records how it ended; a failure is recorded, not thrown. A step execution
    /// <paramref name="started"/> was stored as Running when it was created (or is a tasklet not stored yet). One that
    /// <paramref name="endsRun"/> hands its end to the run's ending instead of writing it.
    /// </summary>
    private static async Task<StepExecution> RunExecutionAsync(JobRun run, StepExecution execution, Func<StepContext, Task<StepStatus>> body, bool started,
        bool endsRun)
    {
        var context = new StepContext(run, execution);
        if (!started)
        {
            execution.Status = StepStatus.Running;
            execution.StartedAt ??= Now(run);
            execution.EndedAt = null;
            execution.Error = null;
            await run.Repository.UpdateStepAsync(new StepUpdate(execution, WithCheckpoint: false), run.TakeNotedLines(), run.Aborted);
        }
        try
        {
            execution.Status = await body(context);
        }
        catch (Exception error) when (!run.IsAbortedBy(error))
        {
            execution.Status = StepStatus.Failed;
            execution.Error = Describe(error);
            // A partitioned step's failure sums up its partitions', which were logged and recorded each on its own.
            if (error is not PartitionsFailedException)
            {
                run.Logger.LogError(error, "Step {StepName} of job execution {ExecutionId} ({JobName}) failed", execution.Name, run.Execution.Id, run.Job.Name);
                run.RecordFailure(error);
            }
            run.Note(LogLevel.Error, execution.Name, $"Failed: {execution.Error}", error is PartitionsFailedException ? null : error);
        }
        execution.EndedAt = Now(run);
        if (execution.Status != StepStatus.Failed)
            run.Note(LogLevel.Information, execution.Name, $"{execution.Status}: read {execution.ReadCount:N0}, written {execution.WriteCount:N0}, "
                + $"{execution.CommitCount:N0} commits, {execution.RollbackCount:N0} rollbacks, {execution.SkipCount:N0} skipped.");
        // Only a completed step's context is known to match what was committed.
        var end = new StepUpdate(execution, WithCheckpoint: execution.Status == StepStatus.Completed);
        if (endsRun) run.PendingStepEnd = end;
        else await run.Repository.UpdateStepAsync(end, run.TakeNotedLines(), run.Aborted);
        foreach (var listener in run.Listeners<IAfterStepListener>())
            await listener.AfterStepAsync(context, run.Aborted);
        return execution;
    }

    private static async Task<List<StepExecution>> CreateAsync(JobRun run, IReadOnlyList<(string Step, string? Partition, ExecutionContext Context)> steps,
        StepStatus status)
    {
        var executions = steps.Select(s => New(run, s.Step, s.Partition, s.Context, status)).ToList();
        await run.Repository.AddStepExecutionsAsync(executions, run.TakeNotedLines(), run.Aborted);
        return executions;
    }

    private static StepExecution New(JobRun run, string step, string? partition, ExecutionContext context, StepStatus status) => new()
    {
        JobExecutionId = run.Execution.Id,
        Name = StepExecution.NameOf(step, partition),
        StepName = step,
        PartitionName = partition,
        Status = status,
        StartedAt = status == StepStatus.Running ? Now(run) : null,
        ExecutionContext = context,
    };

    internal static string Describe(Exception error) => error switch
    {
        PartitionsFailedException => error.Message,
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private static DateTime Now(JobRun run) => run.Time.GetUtcNow().UtcDateTime;
}

public sealed class PartitionsFailedException(string failures) : Exception($"Partitions failed: {failures}");
