using PartnerOffice.Jobs.Running;

namespace PartnerOffice.Jobs.Steps;

/// <summary>
/// What a step's reader, processor, writer or tasklet sees of the run it belongs to. Factories receive it, so
/// they can resolve services and read the parameters and the checkpoint of this very step execution.
/// </summary>
public sealed class StepContext
{
    internal StepContext(JobRun run, StepExecution stepExecution)
    {
        Run = run;
        StepExecution = stepExecution;
    }

    internal JobRun Run { get; }
    public StepExecution StepExecution { get; }
    public JobExecution JobExecution => Run.Execution;
    public JobParameters Parameters => Run.Execution.Parameters;
    /// <summary>This step execution's checkpoint (for a partition: starts as the partitioner's context).</summary>
    public ExecutionContext ExecutionContext => StepExecution.ExecutionContext;
    /// <summary>Shared by all steps of the execution; saved when a step ends.</summary>
    public ExecutionContext JobExecutionContext => Run.Execution.ExecutionContext;
    public string? PartitionName => StepExecution.PartitionName;
    /// <summary>The run's DI scope: one scope per job execution.</summary>
    public IServiceProvider Services => Run.Services;
    public TimeProvider Time => Run.Time;
    /// <summary>Signalled when the process must let go of the execution (shutdown, or another process took it).</summary>
    public CancellationToken Aborted => Run.Aborted;
    /// <summary>An operator asked the execution to stop; chunk steps stop at the next chunk, tasklets may check it.</summary>
    public bool StopRequested => Run.StopRequested;

    /// <summary>Adds a line to the execution's run log (operators read it on the execution's page and through the API).</summary>
    public Task LogAsync(Microsoft.Extensions.Logging.LogLevel level, string message, Exception? error = null) =>
        Run.LogAsync(level, StepExecution.Name, message, error);

    /// <summary>
    /// Says how the execution ended, for operators (the Jobs pages and the API show it beside the status), e.g. why a
    /// run that did nothing still completed. Stored with the ending; the last step to set it wins.
    /// </summary>
    public void SetExitDescription(string description) => Run.ExitDescription = description;

    /// <summary>Sets how many items the whole execution will process, for progress bars.</summary>
    public Task SetProgressTotalAsync(long total, CancellationToken cancellationToken = default) =>
        Run.SetProgressTotalAsync(total, cancellationToken);
}

/// <summary>The work of one step execution: a tasklet or a chunk loop. Returns Completed or Stopped; throws on failure.</summary>
internal abstract class StepBody
{
    internal abstract Task<StepStatus> RunAsync(StepContext context);
}

internal sealed class TaskletBody(Func<StepContext, ITasklet> tasklet) : StepBody
{
    internal override async Task<StepStatus> RunAsync(StepContext context)
    {
        await tasklet(context).ExecuteAsync(context, context.Aborted);
        return StepStatus.Completed;
    }
}
