namespace PartnerOffice.Jobs.Steps;

/// <summary>Reads the next item; <c>null</c> means the input is exhausted.</summary>
public interface IItemReader<T> where T : class
{
    Task<T?> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Turns an item into the output item; <c>null</c> filters it out (counted as filtered, not written).</summary>
public interface IItemProcessor<in TIn, TOut> where TOut : class
{
    Task<TOut?> ProcessAsync(TIn item, CancellationToken cancellationToken);
}

/// <summary>Writes one chunk inside the chunk's transaction (see <see cref="Chunk{T}.Transaction"/>).</summary>
public interface IItemWriter<T>
{
    Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken);
}

/// <summary>
/// Lets a reader, processor or writer keep its own checkpoint. <see cref="UpdateAsync"/> runs after each chunk is
/// written and before it commits; what it puts in the context is committed with the chunk, and
/// <see cref="OpenAsync"/> gets it back on a restart (a reader's key, a file writer's byte offset).
/// </summary>
public interface IItemStream
{
    Task OpenAsync(ExecutionContext context, CancellationToken cancellationToken);
    Task UpdateAsync(ExecutionContext context, CancellationToken cancellationToken);
    /// <summary>Called when the step ends, however it ends.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}

/// <summary>The items of one chunk, with the transaction they are written in.</summary>
public sealed class Chunk<T>(IReadOnlyList<T> items, ChunkTransaction transaction, StepContext step)
{
    public IReadOnlyList<T> Items { get; } = items;
    /// <summary>The open connection and transaction the checkpoint commits in; enlist to commit with it.</summary>
    public ChunkTransaction Transaction { get; } = transaction;
    public StepContext Step { get; } = step;
    /// <summary>
    /// What the chunk adds to the execution's progress once it commits; the items written unless the writer says
    /// otherwise, as one whose item stands for a block of records does.
    /// </summary>
    public long? Progress { get; set; }
}

/// <summary>A step that is one piece of code (create a folder, merge part files, call a service).</summary>
public interface ITasklet
{
    Task ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>Splits a step's work into named partitions, each with the context its worker starts from.</summary>
public interface IPartitioner
{
    Task<IReadOnlyList<Partition>> PartitionAsync(StepContext context, CancellationToken cancellationToken);
}

public sealed record Partition(string Name, ExecutionContext Context);

/// <summary>Adapts a delegate to <see cref="IItemProcessor{TIn,TOut}"/>.</summary>
public sealed class DelegateItemProcessor<TIn, TOut>(Func<TIn, CancellationToken, Task<TOut?>> process) : IItemProcessor<TIn, TOut>
    where TOut : class
{
    public Task<TOut?> ProcessAsync(TIn item, CancellationToken cancellationToken) => process(item, cancellationToken);
}

/// <summary>Adapts a delegate to <see cref="ITasklet"/>.</summary>
public sealed class DelegateTasklet(Func<StepContext, CancellationToken, Task> execute) : ITasklet
{
    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) => execute(context, cancellationToken);
}
