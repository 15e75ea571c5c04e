using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Jobs.Running;

/// <summary>
/// Runs one step of a job execution, skipping what already completed: a plain step is one step execution; a
/// partitioned step is a manager step execution plus one worker step execution per partition.
/// </summary>
internal static class StepRunner
{
    public static async Task<StepExecution> RunAsync(JobRun run, Step step, IReadOnlyList<StepExecution> existing)
    {
        // A step that never ran is stored as it starts: one write instead of a creation and a start.
        var stored = existing.FirstOrDefault(s => s.Name == step.Name);
        var execution = stored ?? (await CreateAsync(run, [(step.Name, null, new ExecutionContext())], StepStatus.Running))[0];
        if (execution.Status == StepStatus.Completed) return execution;
        var started = stored is null;
        if (step.Partitioning is not { } plan) return await RunExecutionAsync(run, execution, step.Body.RunAsync, started);

        var partitions = existing.Where(s => s.StepName == step.Name && s.PartitionName is not null).ToList();
        return await RunExecutionAsync(run, execution, context => RunPartitionsAsync(context, step, plan, partitions), started);
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
        await Parallel.ForEachAsync(unfinished, options, async (partition, _) => await RunExecutionAsync(run, partition, step.Body.RunAsync, started: false));

        var failed = partitions.Where(p => p.Status == StepStatus.Failed).ToList();
        if (failed.Count > 0)
            throw new PartitionsFailedException(string.Join("; ", failed.Select(p => $"{p.PartitionName}: {p.Error}")));
        return partitions.Any(p => p.Status == StepStatus.Stopped) ? StepStatus.Stopped : StepStatus.Completed;
    }

    /// <summary>
    /// Runs a body in a step execution and records how it ended; a failure is recorded, not thrown. A step execution
    /// <paramref name="started"/> was stored as Running when it was created.
    /// </summary>
    private static async Task<StepExecution> RunExecutionAsync(JobRun run, StepExecution execution, Func<StepContext, Task<StepStatus>> body, bool started)
    {
        var context = new StepContext(run, execution);
        if (!started)
        {
            execution.Status = StepStatus.Running;
            execution.StartedAt ??= Now(run);
            execution.EndedAt = null;
            execution.Error = null;
            await run.Repository.UpdateStepAsync(execution, withCheckpoint: false, run.TakeNotedLines(), run.Aborted);
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
        await run.Repository.UpdateStepAsync(execution, withCheckpoint: execution.Status == StepStatus.Completed, run.TakeNotedLines(), run.Aborted);
        foreach (var listener in run.Listeners<IAfterStepListener>())
            await listener.AfterStepAsync(context, run.Aborted);
        return execution;
    }

    private static async Task<List<StepExecution>> CreateAsync(JobRun run, IReadOnlyList<(string Step, string? Partition, ExecutionContext Context)> steps,
        StepStatus status)
    {
        var startedAt = status == StepStatus.Running ? Now(run) : (DateTime?)null;
        var executions = steps.Select(s => new StepExecution
        {
            JobExecutionId = run.Execution.Id,
            Name = StepExecution.NameOf(s.Step, s.Partition),
            StepName = s.Step,
            PartitionName = s.Partition,
            Status = status,
            StartedAt = startedAt,
            ExecutionContext = s.Context,
        }).ToList();
        await run.Repository.AddStepExecutionsAsync(executions, run.TakeNotedLines(), run.Aborted);
        return executions;
    }

    internal static string Describe(Exception error) => error switch
    {
        PartitionsFailedException => error.Message,
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private static DateTime Now(JobRun run) => run.Time.GetUtcNow().UtcDateTime;
}

public sealed class PartitionsFailedException(string failures) : Exception($"Partitions failed: {failures}");
