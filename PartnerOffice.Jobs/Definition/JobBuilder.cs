using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Jobs.Definition;

/// <summary>Defines a job in a few lines: <c>j.Step("review", s => s.Chunk&lt;A, B&gt;(500).Reader(...).Writer(...))</c>.</summary>
public sealed class JobBuilder
{
    private readonly string name;
    private readonly List<Step> steps = [];
    private readonly List<Func<IServiceProvider, object>> listeners = [];
    private IJobParametersValidator? validator;
    private IJobParametersIncrementer? incrementer;
    private bool allowRerunWhenCompleted;
    private LeaseExpiryPolicy leaseExpiry = LeaseExpiryPolicy.Resume;

    internal JobBuilder(string name) => this.name = name;

    public JobBuilder Step(string stepName, Action<StepBuilder> define)
    {
        if (steps.Any(s => s.Name == stepName)) throw new ArgumentException($"Job '{name}' already has a step '{stepName}'.", nameof(stepName));
        var builder = new StepBuilder(stepName);
        define(builder);
        steps.Add(builder.Build());
        return this;
    }

    public JobBuilder Validator(IJobParametersValidator parametersValidator)
    {
        validator = parametersValidator;
        return this;
    }

    public JobBuilder RequireParameters(params string[] names) => Validator(new RequiredParametersValidator(names));

    /// <summary>Every launch becomes a new instance (for example <see cref="RunIdIncrementer"/> for scheduled jobs).</summary>
    public JobBuilder Incrementer(IJobParametersIncrementer parametersIncrementer)
    {
        incrementer = parametersIncrementer;
        return this;
    }

    /// <summary>Lets a completed instance be launched again with the same identifying parameters.</summary>
    public JobBuilder AllowRerunWhenCompleted()
    {
        allowRerunWhenCompleted = true;
        return this;
    }

    public JobBuilder OnLeaseExpired(LeaseExpiryPolicy policy)
    {
        leaseExpiry = policy;
        return this;
    }

    /// <summary>A listener resolved from the run's DI scope; it may implement any of the listener interfaces.</summary>
    public JobBuilder Listener<TListener>() where TListener : class
    {
        listeners.Add(services => ActivatorUtilities.GetServiceOrCreateInstance<TListener>(services));
        return this;
    }

    public JobBuilder Listener(object listener)
    {
        listeners.Add(_ => listener);
        return this;
    }

    public JobBuilder BeforeJob(Func<JobRunContext, CancellationToken, Task> action) => Listener(new DelegateListener(beforeJob: action));

    /// <summary>Runs on every ending, including Stopped and Cancelled: clean up temporary files here.</summary>
    public JobBuilder AfterJob(Func<JobRunContext, CancellationToken, Task> action) => Listener(new DelegateListener(afterJob: action));

    public JobBuilder AfterStep(Func<StepContext, CancellationToken, Task> action) => Listener(new DelegateListener(afterStep: action));

    public JobBuilder AfterChunk(Func<StepContext, CancellationToken, Task> action) => Listener(new DelegateListener(afterChunk: action));

    public JobBuilder OnChunkError(Func<StepContext, Exception, CancellationToken, Task> action) => Listener(new DelegateListener(onChunkError: action));

    internal Job Build()
    {
        if (steps.Count == 0) throw new InvalidOperationException($"Job '{name}' has no steps.");
        return new Job(name, steps, listeners, validator, incrementer, allowRerunWhenCompleted, leaseExpiry);
    }
}

/// <summary>Chooses what a step is: a tasklet, a chunk step, or a partitioned step around a worker.</summary>
public sealed class StepBuilder
{
    private readonly string name;
    private Func<StepBody>? body;
    private PartitionStepBuilder? partitioning;

    internal StepBuilder(string name) => this.name = name;

    public void Tasklet(Func<StepContext, ITasklet> create) => SetBody(() => new TaskletBody(create));

    public void Tasklet(Func<StepContext, CancellationToken, Task> execute) => Tasklet(_ => new DelegateTasklet(execute));

    public ChunkStepBuilder<TIn, TOut> Chunk<TIn, TOut>(int size) where TIn : class where TOut : class
    {
        var chunk = new ChunkStepBuilder<TIn, TOut>(size);
        SetBody(chunk.Build);
        return chunk;
    }

    /// <summary>Splits the step with a partitioner; define the worker (tasklet or chunk) with <see cref="PartitionStepBuilder.Worker"/>.</summary>
    public PartitionStepBuilder Partition(Func<StepContext, IPartitioner> partitioner)
    {
        if (partitioning is not null) throw new InvalidOperationException($"Step '{name}' is already partitioned.");
        partitioning = new PartitionStepBuilder(partitioner);
        return partitioning;
    }

    private void SetBody(Func<StepBody> build)
    {
        if (body is not null) throw new InvalidOperationException($"Step '{name}' already has a body.");
        body = build;
    }

    internal Step Build()
    {
        if (partitioning is not null)
            return new Step(name, partitioning.BuildWorker(name), new PartitionPlan(partitioning.Partitioner, partitioning.Parallelism));
        return new Step(name, body?.Invoke() ?? throw new InvalidOperationException($"Step '{name}' has no tasklet or chunk."), null);
    }
}

public sealed class PartitionStepBuilder
{
    private Action<StepBuilder>? worker;

    internal PartitionStepBuilder(Func<StepContext, IPartitioner> partitioner) => Partitioner = partitioner;

    internal Func<StepContext, IPartitioner> Partitioner { get; }
    internal int Parallelism { get; private set; } = Environment.ProcessorCount;

    /// <summary>How many partitions run at once (default: the number of cores).</summary>
    public PartitionStepBuilder MaxParallelism(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Parallelism = partitions;
        return this;
    }

    /// <summary>The work each partition does; it sees its partition's context as its own execution context.</summary>
    public PartitionStepBuilder Worker(Action<StepBuilder> define)
    {
        worker = define;
        return this;
    }

    internal StepBody BuildWorker(string stepName)
    {
        if (worker is null) throw new InvalidOperationException($"Partitioned step '{stepName}' has no worker.");
        var builder = new StepBuilder(stepName);
        worker(builder);
        return builder.Build() is { Partitioning: null } step ? step.Body : throw new InvalidOperationException("A partition worker cannot be partitioned again.");
    }
}

public sealed class ChunkStepBuilder<TIn, TOut> where TIn : class where TOut : class
{
    private readonly int size;
    private Func<StepContext, IItemReader<TIn>>? reader;
    private Func<StepContext, IItemProcessor<TIn, TOut>>? processor;
    private Func<StepContext, IItemWriter<TOut>>? writer;
    private Func<StepContext, (IItemReader<TIn>, IItemWriter<TOut>)>? readerWriter;
    private readonly List<Type> skippable = [];
    private long skipLimit;
    private readonly List<Type> retryable = [];
    private int retryAttempts = 1;
    private Func<int, TimeSpan> backoff = _ => TimeSpan.Zero;

    internal ChunkStepBuilder(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        this.size = size;
    }

    /// <summary>Created once per step execution (per partition), after the checkpoint is loaded.</summary>
    public ChunkStepBuilder<TIn, TOut> Reader(Func<StepContext, IItemReader<TIn>> create)
    {
        reader = create;
        return this;
    }

    /// <summary>
    /// One object that both reads and writes, created once per step execution: for a streaming pass whose reading and
    /// writing share state (the export's partition reads rows and appends them to its part in one go).
    /// </summary>
    public ChunkStepBuilder<TIn, TOut> ReaderWriter<TReaderWriter>(Func<StepContext, TReaderWriter> create)
        where TReaderWriter : IItemReader<TIn>, IItemWriter<TOut>
    {
        readerWriter = context =>
        {
            var both = create(context);
            return (both, both);
        };
        return this;
    }

    public ChunkStepBuilder<TIn, TOut> Processor(Func<StepContext, IItemProcessor<TIn, TOut>> create)
    {
        processor = create;
        return this;
    }

    public ChunkStepBuilder<TIn, TOut> Processor(Func<TIn, CancellationToken, Task<TOut?>> process) =>
        Processor(_ => new DelegateItemProcessor<TIn, TOut>(process));

    public ChunkStepBuilder<TIn, TOut> Writer(Func<StepContext, IItemWriter<TOut>> create)
    {
        writer = create;
        return this;
    }

    /// <summary>Items failing with <typeparamref name="TException"/> are skipped and recorded, up to <see cref="SkipLimit"/>.</summary>
    public ChunkStepBuilder<TIn, TOut> Skip<TException>() where TException : Exception
    {
        skippable.Add(typeof(TException));
        return this;
    }

    public ChunkStepBuilder<TIn, TOut> SkipLimit(long limit)
    {
        skipLimit = limit;
        return this;
    }

    /// <summary>Processing or writing failing with <typeparamref name="TException"/> is tried again, up to <see cref="RetryLimit"/> attempts.</summary>
    public ChunkStepBuilder<TIn, TOut> Retry<TException>() where TException : Exception
    {
        retryable.Add(typeof(TException));
        return this;
    }

    /// <summary>Attempts in all, the first one included.</summary>
    public ChunkStepBuilder<TIn, TOut> RetryLimit(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        retryAttempts = attempts;
        return this;
    }

    /// <summary>The wait before attempt n+1, given the failed attempt n (1-based).</summary>
    public ChunkStepBuilder<TIn, TOut> Backoff(Func<int, TimeSpan> delayAfterAttempt)
    {
        backoff = delayAfterAttempt;
        return this;
    }

    internal StepBody Build()
    {
        var (read, write) = (reader, writer);
        var parts = readerWriter ?? (read is not null && write is not null
            ? context => (read(context), write(context))
            : throw new InvalidOperationException("A chunk step needs a reader and a writer."));
        if (processor is null && !typeof(TOut).IsAssignableFrom(typeof(TIn)))
            throw new InvalidOperationException($"Without a processor a chunk step's {typeof(TIn).Name} items must be {typeof(TOut).Name}s.");
        return new ChunkBody<TIn, TOut>(size, parts, processor,
            new SkipPolicy(skippable.ToList(), skipLimit), new RetryPolicy(retryable.ToList(), retryAttempts, backoff));
    }
}
