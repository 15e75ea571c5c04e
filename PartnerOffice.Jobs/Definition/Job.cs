using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Jobs.Definition;

/// <summary>What happens to an execution whose process died (its lease expired) while it ran.</summary>
public enum LeaseExpiryPolicy
{
    /// <summary>Queue it again; a worker resumes each unfinished step from its last checkpoint.</summary>
    Resume,
    /// <summary>Mark it Failed; an operator decides whether to restart it.</summary>
    Fail,
}

/// <summary>A job definition: ordered steps, listeners and launch rules. Built with <see cref="JobBuilder"/>.</summary>
public sealed class Job
{
    internal Job(string name, IReadOnlyList<Step> steps, IReadOnlyList<Func<IServiceProvider, object>> listenerFactories,
        IJobParametersValidator? validator, IJobParametersIncrementer? incrementer, bool allowRerunWhenCompleted, LeaseExpiryPolicy leaseExpiry)
    {
        Name = name;
        Steps = steps;
        ListenerFactories = listenerFactories;
        Validator = validator;
        Incrementer = incrementer;
        AllowRerunWhenCompleted = allowRerunWhenCompleted;
        LeaseExpiry = leaseExpiry;
    }

    public string Name { get; }
    public IReadOnlyList<Step> Steps { get; }
    public IJobParametersValidator? Validator { get; }
    public IJobParametersIncrementer? Incrementer { get; }
    public bool AllowRerunWhenCompleted { get; }
    public LeaseExpiryPolicy LeaseExpiry { get; }
    internal IReadOnlyList<Func<IServiceProvider, object>> ListenerFactories { get; }
}

/// <summary>A step definition: a body (tasklet or chunk) run once, or once per partition.</summary>
public sealed class Step
{
    internal Step(string name, StepBody body, PartitionPlan? partitioning)
    {
        Name = name;
        Body = body;
        Partitioning = partitioning;
    }

    public string Name { get; }
    public bool IsPartitioned => Partitioning is not null;
    internal StepBody Body { get; }
    internal PartitionPlan? Partitioning { get; }
}

/// <summary>How a partitioned step splits its work and how many partitions run at once.</summary>
internal sealed record PartitionPlan(Func<StepContext, IPartitioner> Partitioner, int MaxParallelism);

/// <summary>What a job execution looks like to job listeners.</summary>
public sealed record JobRunContext(JobExecution Execution, IServiceProvider Services)
{
    /// <summary>
    /// What the run's steps failed with, in the order they failed (a partitioned step's partitions each add theirs);
    /// empty for an ending no run made here, such as an operator's cancel of a queued execution or an expired lease.
    /// </summary>
    public IReadOnlyList<Exception> Failures { get; init; } = [];
}

public interface IBeforeJobListener
{
    Task BeforeJobAsync(JobRunContext context, CancellationToken cancellationToken);
}

/// <summary>Runs on every ending (Completed, Failed, Stopped, Cancelled): the place to clean up temporary files.</summary>
public interface IAfterJobListener
{
    Task AfterJobAsync(JobRunContext context, CancellationToken cancellationToken);
}

public interface IAfterStepListener
{
    Task AfterStepAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>Told of every chunk once it has committed: its checkpoint and counts are stored and its progress published.</summary>
public interface IAfterChunkListener
{
    Task AfterChunkAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>Told of every chunk that rolls back, before retry or skip decide what happens next.</summary>
public interface IChunkErrorListener
{
    Task OnChunkErrorAsync(StepContext context, Exception error, CancellationToken cancellationToken);
}

/// <summary>Adapts delegates given to <see cref="JobBuilder"/> to the listener interfaces.</summary>
internal sealed class DelegateListener(
    Func<JobRunContext, CancellationToken, Task>? beforeJob = null,
    Func<JobRunContext, CancellationToken, Task>? afterJob = null,
    Func<StepContext, CancellationToken, Task>? afterStep = null,
    Func<StepContext, CancellationToken, Task>? afterChunk = null,
    Func<StepContext, Exception, CancellationToken, Task>? onChunkError = null)
    : IBeforeJobListener, IAfterJobListener, IAfterStepListener, IAfterChunkListener, IChunkErrorListener
{
    public Task BeforeJobAsync(JobRunContext context, CancellationToken cancellationToken) =>
        beforeJob?.Invoke(context, cancellationToken) ?? Task.CompletedTask;

    public Task AfterJobAsync(JobRunContext context, CancellationToken cancellationToken) =>
        afterJob?.Invoke(context, cancellationToken) ?? Task.CompletedTask;

    public Task AfterStepAsync(StepContext context, CancellationToken cancellationToken) =>
        afterStep?.Invoke(context, cancellationToken) ?? Task.CompletedTask;

    public Task AfterChunkAsync(StepContext context, CancellationToken cancellationToken) =>
        afterChunk?.Invoke(context, cancellationToken) ?? Task.CompletedTask;

    public Task OnChunkErrorAsync(StepContext context, Exception error, CancellationToken cancellationToken) =>
        onChunkError?.Invoke(context, error, cancellationToken) ?? Task.CompletedTask;
}
