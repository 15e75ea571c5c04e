using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Steps;
using ExecutionContext = PartnerOffice.Jobs.ExecutionContext;

namespace PartnerOffice.Tests.JobHost;

public sealed record NumberItem(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reads 1..count; its checkpoint is how many it has handed out, so a restart continues after the last committed chunk.</summary>
public sealed class NumberReader(long count, Func<long, Task>? beforeRead = null) : IItemReader<NumberItem>, IItemStream
{
    private const string PositionKey = "numbers.read";
    private long position;

    public async Task<NumberItem?> ReadAsync(CancellationToken cancellationToken)
    {
        if (position >= count) return null;
        position++;
        if (beforeRead is not null) await beforeRead(position);
        return new NumberItem(position);
    }

    public Task OpenAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        position = context.Get(PositionKey, 0L);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        context.Put(PositionKey, position);
        return Task.CompletedTask;
    }

    public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Appends one line per item to a file. Its checkpoint is the file's length after the last committed chunk;
/// on a restart it cuts the file back to it, so lines of a chunk that never committed disappear.
/// </summary>
public sealed class LineFileWriter<T>(string path, Func<T, string> format) : IItemWriter<T>, IItemStream
{
    private const string OffsetKey = "file.offset";
    private FileStream? file;
    private StreamWriter? writer;

    public async Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken)
    {
        foreach (var item in chunk.Items) await writer!.WriteLineAsync(format(item));
    }

    public Task OpenAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        file.SetLength(context.Get(OffsetKey, 0L));
        file.Seek(0, SeekOrigin.End);
        writer = new StreamWriter(file) { NewLine = "\n" };
        return Task.CompletedTask;
    }

    public async Task UpdateAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        await writer!.FlushAsync(cancellationToken);
        file!.Flush(flushToDisk: true);
        context.Put(OffsetKey, file.Position);
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (writer is not null) await writer.DisposeAsync();
    }
}

/// <summary>Inserts each item into a table in the chunk's own transaction: committed with the checkpoint, or not at all.</summary>
public sealed class NumberTableWriter(string table) : IItemWriter<NumberItem>
{
    public async Task WriteAsync(Chunk<NumberItem> chunk, CancellationToken cancellationToken)
    {
        await using var insert = chunk.Transaction.CreateCommand($"INSERT INTO {table} (Number, Square) VALUES (@number, @number * @number)");
        var number = insert.CreateParameter();
        number.ParameterName = "@number";
        insert.Parameters.Add(number);
        foreach (var item in chunk.Items)
        {
            number.Value = item.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>Hands the chunk to several writers, all in the same transaction.</summary>
public sealed class CompositeWriter<T>(params IItemWriter<T>[] writers) : IItemWriter<T>, IItemStream
{
    public async Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken)
    {
        foreach (var writer in writers) await writer.WriteAsync(chunk, cancellationToken);
    }

    public async Task OpenAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var stream in writers.OfType<IItemStream>()) await stream.OpenAsync(context, cancellationToken);
    }

    public async Task UpdateAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var stream in writers.OfType<IItemStream>()) await stream.UpdateAsync(context, cancellationToken);
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in writers.OfType<IItemStream>()) await stream.CloseAsync(cancellationToken);
    }
}
