using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Running;

/// <summary>One claimed execution while this process runs it: its DI scope, listeners, stop flag and progress.</summary>
internal sealed class JobRun(
    JobExecution execution,
    Job job,
    IServiceProvider services,
    JobRepository repository,
    JobEventHub events,
    TimeProvider time,
    ILogger logger,
    JobMetrics metrics,
    JobEngineOptions options,
    string owner,
    CancellationToken aborted)
{
    private readonly ConcurrentQueue<Exception> failures = new();
    private readonly IReadOnlyList<object> listeners = job.ListenerFactories.Select(create => create(services)).ToList();
    private readonly Lock progressGate = new();
    private readonly List<JobLogEntry> notedLines = [];
    private volatile bool stopRequested;

    public JobExecution Execution { get; } = execution;
    public Job Job { get; } = job;
    public IServiceProvider Services { get; } = services;
    public JobRepository Repository { get; } = repository;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;
    public JobMetrics Metrics { get; } = metrics;
    public int RunLogLines { get; } = options.RunLogLines;
    public TimeSpan TaskletShownAfter { get; } = options.TaskletShownAfter;
    /// <summary>The lease owner token of this claim; chunk commits are fenced by it.</summary>
    public string Owner { get; } = owner;
    public CancellationToken Aborted { get; } = aborted;
    public bool StopRequested => stopRequested;

    public void RequestStop() => stopRequested = true;

    /// <summary>What the run's steps failed with so far, for the after-job listeners (<see cref="JobRunContext.Failures"/>).</summary>
    public IReadOnlyList<Exception> Failures => [.. failures];

    public void RecordFailure(Exception error) => failures.Enqueue(error);

    /// <summary>The job's last step's end, left for the run's ending to write in its own statement.</summary>
    public StepUpdate? PendingStepEnd { get; set; }

    /// <summary>What a step said about how the run ended (<see cref="Steps.StepContext.SetExitDescription"/>); stored with the ending.</summary>
    public string? ExitDescription { get; set; }

    /// <summary>
    /// Adds a line to the execution's run log now (with the engine's lines still waiting, so the order holds). A line
    /// that cannot be stored (the database is busy or full) is only logged: the run log never fails a run.
    /// </summary>
    public async Task LogAsync(LogLevel level, string? step, string message, Exception? error = null)
    {
        Note(level, step, message, error);
        var lines = TakeNotedLines();
        try
        {
            await Repository.AppendLogAsync(lines, RunLogLines, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Logger.LogWarning(failure, "Could not add to the run log of job execution {ExecutionId}", Execution.Id);
        }
    }

    /// <summary>
    /// Keeps one of the engine's own lines (a start, a step's counts, an ending) for the run's next write: the step's
    /// start or end, or the ending, commits it in its own transaction, rather than each line costing one of its own.
    /// </summary>
    public void Note(LogLevel level, string? step, string message, Exception? error = null)
    {
        var line = new JobLogEntry
        {
            JobExecutionId = Execution.Id,
            At = Time.GetUtcNow().UtcDateTime,
            Level = level,
            Step = step,
            Message = message,
            Exception = error?.ToString(),
        };
        lock (notedLines) notedLines.Add(line);
    }

    /// <summary>The noted lines, oldest first, for the write that stores them.</summary>
    public IReadOnlyList<JobLogEntry> TakeNotedLines()
    {
        lock (notedLines)
        {
            var lines = notedLines.ToList();
            notedLines.Clear();
            return lines;
        }
    }

    public IEnumerable<T> Listeners<T>() => listeners.OfType<T>();

    /// <summary>True when the error only says that this process must let go of the execution.</summary>
    public bool IsAbortedBy(Exception error) =>
        error is JobLeaseLostException || (error is OperationCanceledException && Aborted.IsCancellationRequested);

    public void AddProgress(long items)
    {
        lock (progressGate)
        {
            Execution.ProgressCurrent += items;
            events.PublishProgress(Execution);
        }
    }

    public async Task SetProgressTotalAsync(long total, CancellationToken cancellationToken)
    {
        await Repository.SetProgressTotalAsync(Execution.Id, total, cancellationToken);
        lock (progressGate)
        {
            Execution.ProgressTotal = total;
            events.PublishProgress(Execution);
        }
    }
}

/// <summary>The executions this process is running, so an operator's stop reaches them without waiting for a heartbeat.</summary>
internal sealed class RunningJobs
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, JobRun> runs = new();

    public void Add(JobRun run) => runs[run.Execution.Id] = run;

    public void Remove(JobRun run) => runs.TryRemove(new KeyValuePair<long, JobRun>(run.Execution.Id, run));

    public void RequestStop(long executionId)
    {
        if (runs.TryGetValue(executionId, out var run)) run.RequestStop();
    }
}
