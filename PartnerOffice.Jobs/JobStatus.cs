namespace PartnerOffice.Jobs;

/// <summary>The life of a job execution; <see cref="JobStatusTransitions"/> says which moves are legal.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Stopping,
    Stopped,
    Cancelled,
    Abandoned,
}

/// <summary>The life of one step execution (a step, or one partition of a partitioned step).</summary>
public enum StepStatus
{
    Starting,
    Running,
    Completed,
    Failed,
    Stopped,
}

/// <summary>
/// The one table of legal status changes. Every change of a job execution's status goes through
/// <see cref="Ensure"/>, so the UI, the workers and the operator cannot invent a path of their own.
/// </summary>
public static class JobStatusTransitions
{
    private static readonly Dictionary<JobStatus, JobStatus[]> Allowed = new()
    {
        // Queued → Running is the claim; a queued execution that is cancelled never starts.
        [JobStatus.Queued] = [JobStatus.Running, JobStatus.Cancelled, JobStatus.Abandoned],
        // Running → Queued: the process let go of it (shutdown, or its lease expired) so another resumes it.
        [JobStatus.Running] = [JobStatus.Completed, JobStatus.Failed, JobStatus.Stopping, JobStatus.Queued],
        // A stop is honoured at the next chunk boundary; the step may also finish or fail first.
        [JobStatus.Stopping] = [JobStatus.Stopped, JobStatus.Cancelled, JobStatus.Completed, JobStatus.Failed],
        [JobStatus.Failed] = [JobStatus.Queued, JobStatus.Abandoned],
        [JobStatus.Stopped] = [JobStatus.Queued, JobStatus.Abandoned, JobStatus.Cancelled],
        [JobStatus.Completed] = [],
        [JobStatus.Cancelled] = [],
        [JobStatus.Abandoned] = [],
    };

    public static bool IsAllowed(JobStatus from, JobStatus to) => Allowed[from].Contains(to);

    public static void Ensure(JobStatus from, JobStatus to)
    {
        if (!IsAllowed(from, to)) throw new IllegalStatusTransitionException(from, to);
    }

    /// <summary>Queued, Running or Stopping: the instance is busy and must not be launched again.</summary>
    public static bool IsActive(this JobStatus status) =>
        status is JobStatus.Queued or JobStatus.Running or JobStatus.Stopping;

    /// <summary>Failed or Stopped: an operator may restart it, or abandon it for good.</summary>
    public static bool IsRestartable(this JobStatus status) => status is JobStatus.Failed or JobStatus.Stopped;

    /// <summary>Queued or Running: an operator may stop or cancel it (a queued one then never starts).</summary>
    public static bool IsStoppable(this JobStatus status) => status is JobStatus.Queued or JobStatus.Running;
}

public sealed class IllegalStatusTransitionException(JobStatus from, JobStatus to)
    : InvalidOperationException($"A job execution cannot go from {from} to {to}.")
{
    public JobStatus From { get; } = from;
    public JobStatus To { get; } = to;
}
