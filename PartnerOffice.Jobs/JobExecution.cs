namespace PartnerOffice.Jobs;

/// <summary>A job's name plus its identifying parameters: the thing that is "done" once it has completed.</summary>
public sealed class JobInstance
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    /// <summary>Hash of the identifying parameters (<see cref="JobParameters.IdentityKey"/>).</summary>
    public required string InstanceKey { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One run of a job instance, from the moment it is requested (Queued) to its end. A restart or a resumption
/// after a crash continues the same execution, so a request keeps one id for its whole life.
/// </summary>
public sealed class JobExecution
{
    public long Id { get; set; }
    public long JobInstanceId { get; set; }
    public required string JobName { get; set; }
    public JobStatus Status { get; set; }
    public JobParameters Parameters { get; set; } = JobParameters.Empty;
    /// <summary>Shared by the job's steps, for example what one step found and the next needs.</summary>
    public ExecutionContext ExecutionContext { get; set; } = new();
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime LastUpdatedAt { get; set; }
    public string? ExitDescription { get; set; }
    public string? Error { get; set; }
    public string? RequestedBy { get; set; }
    /// <summary>Opaque to the engine: callers use it to scope who may see an execution.</summary>
    public string? Tenant { get; set; }
    public long ProgressCurrent { get; set; }
    public long? ProgressTotal { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    /// <summary>Set with Stopping when the stop is a cancel: the execution ends Cancelled, not Stopped.</summary>
    public bool CancelRequested { get; set; }
    /// <summary>How many times a worker has claimed it (first run, restarts, resumptions).</summary>
    public int RunCount { get; set; }
}

/// <summary>One step of one job execution, or one partition of a partitioned step, with its counts and checkpoint.</summary>
public sealed class StepExecution
{
    public long Id { get; set; }
    public long JobExecutionId { get; set; }
    /// <summary>The step's name; for a partition, <c>step:partition</c>.</summary>
    public required string Name { get; set; }
    public required string StepName { get; set; }
    public string? PartitionName { get; set; }
    public StepStatus Status { get; set; }
    public long ReadCount { get; set; }
    public long ProcessCount { get; set; }
    public long FilterCount { get; set; }
    public long WriteCount { get; set; }
    public long SkipCount { get; set; }
    public long CommitCount { get; set; }
    public long RollbackCount { get; set; }
    public ExecutionContext ExecutionContext { get; set; } = new();
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime LastUpdatedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>The same step execution with another checkpoint (to store it without the one it holds in memory).</summary>
    internal StepExecution WithContext(ExecutionContext context)
    {
        var copy = (StepExecution)MemberwiseClone();
        copy.ExecutionContext = context;
        return copy;
    }

    public static string NameOf(string stepName, string? partitionName) =>
        partitionName is null ? stepName : $"{stepName}:{partitionName}";
}

/// <summary>Where in a chunk an item was skipped.</summary>
public enum SkipPhase
{
    Read,
    Process,
    Write,
}

/// <summary>An item the skip policy let a step pass over, and why.</summary>
public sealed class SkippedItem
{
    public long Id { get; set; }
    public long StepExecutionId { get; set; }
    public SkipPhase Phase { get; set; }
    public string? Item { get; set; }
    public required string Reason { get; set; }
    public required string ExceptionType { get; set; }
    public DateTime SkippedAt { get; set; }
}

/// <summary>
/// One line of an execution's run log: what the engine did (started, a step's counts, a failure with its stack trace,
/// the ending) and what the job's steps said. An execution keeps its last <see cref="Launching.JobEngineOptions.RunLogLines"/>.
/// </summary>
public sealed class JobLogEntry
{
    public long Id { get; set; }
    public long JobExecutionId { get; set; }
    public DateTime At { get; set; }
    public Microsoft.Extensions.Logging.LogLevel Level { get; set; }
    /// <summary>The step (or partition) it concerns; null for the execution as a whole.</summary>
    public string? Step { get; set; }
    public required string Message { get; set; }
    /// <summary>An exception with its stack trace, for a failure.</summary>
    public string? Exception { get; set; }
}
