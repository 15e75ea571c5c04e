using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Steps;

/// <summary>
/// The chunk loop: read up to <c>size</c> items, process them, then write them and commit the checkpoint in one
/// transaction. Counts reach the step execution only when their chunk commits, so the stored counts always
/// describe committed work, and a restart resumes at the first uncommitted chunk.
/// </summary>
internal sealed class ChunkBody<TIn, TOut>(
    int size,
    Func<StepContext, (IItemReader<TIn> Reader, IItemWriter<TOut> Writer)> partsFactory,
    Func<StepContext, IItemProcessor<TIn, TOut>>? processorFactory,
    SkipPolicy skip,
    RetryPolicy retry) : StepBody
    where TIn : class
    where TOut : class
{
    private int Size { get; } = size;
    private SkipPolicy Skips { get; } = skip;
    private RetryPolicy Retries { get; } = retry;

    internal override async Task<StepStatus> RunAsync(StepContext context)
    {
        var (reader, writer) = partsFactory(context);
        var processor = processorFactory?.Invoke(context);
        var streams = new object?[] { reader, processor, writer }.OfType<IItemStream>().Distinct().ToList();
        var cancellationToken = context.Aborted;
        foreach (var stream in streams) await stream.OpenAsync(context.ExecutionContext, cancellationToken);
        try
        {
            var run = new ChunkRun(this, context, reader, processor, writer, streams);
            while (true)
            {
                if (context.StopRequested) return StepStatus.Stopped;
                if (await run.RunChunkAsync() == ChunkOutcome.InputExhausted) return StepStatus.Completed;
            }
        }
        finally
        {
            foreach (var stream in streams) await stream.CloseAsync(CancellationToken.None);
        }
    }

    private enum ChunkOutcome
    {
        MoreInput,
        InputExhausted,
    }

    /// <summary>What one chunk read, processed and skipped before it is committed.</summary>
    private sealed class ChunkTally
    {
        public List<TIn> Inputs { get; } = [];
        public List<TOut> Outputs { get; } = [];
        public List<SkippedItem> Skipped { get; } = [];
        public long Processed { get; set; }
        public long Filtered { get; set; }
        public long StartedAt { get; init; }
    }

    private sealed class ChunkRun(
        ChunkBody<TIn, TOut> body,
        StepContext context,
        IItemReader<TIn> reader,
        IItemProcessor<TIn, TOut>? processor,
        IItemWriter<TOut> writer,
        IReadOnlyList<IItemStream> streams)
    {
        private StepExecution Step => context.StepExecution;
        private CancellationToken CancellationToken => context.Aborted;

        public async Task<ChunkOutcome> RunChunkAsync()
        {
            var tally = new ChunkTally { StartedAt = context.Time.GetTimestamp() };
            ChunkOutcome outcome;
            try
            {
                outcome = await ReadAsync(tally);
                await ProcessAsync(tally);
            }
            catch (Exception error) when (!context.Run.IsAbortedBy(error))
            {
                await RollBackAsync(error);
                throw;
            }
            // Nothing read and nothing skipped: the input is exhausted and there is nothing to commit.
            if (tally.Inputs.Count == 0 && tally.Skipped.Count == 0) return outcome;
            await WriteWithRetryAsync(tally);
            // Outside the retry: the chunk has committed, so a failing listener fails the step but never rewrites the chunk.
            foreach (var listener in context.Run.Listeners<IAfterChunkListener>())
                await listener.AfterChunkAsync(context, CancellationToken);
            return outcome;
        }

        private async Task<ChunkOutcome> ReadAsync(ChunkTally tally)
        {
            while (tally.Inputs.Count < body.Size)
            {
                TIn? item;
                try
                {
                    item = await reader.ReadAsync(CancellationToken);
                }
                catch (Exception error) when (IsSkippable(error))
                {
                    Skip(tally.Skipped, SkipPhase.Read, null, error);
                    continue;
                }
                if (item is null) return ChunkOutcome.InputExhausted;
                tally.Inputs.Add(item);
            }
            return ChunkOutcome.MoreInput;
        }

        private async Task ProcessAsync(ChunkTally tally)
        {
            foreach (var input in tally.Inputs)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var output = processor is null ? (TOut)(object)input : await processor.ProcessAsync(input, CancellationToken);
                        tally.Processed++;
                        if (output is null) tally.Filtered++;
                        else tally.Outputs.Add(output);
                        break;
                    }
                    catch (Exception error) when (!context.Run.IsAbortedBy(error) && body.Retries.ShouldRetry(error, attempt))
                    {
                        await body.Retries.WaitBeforeRetryAsync(attempt, context.Time, CancellationToken);
                    }
                    catch (Exception error) when (IsSkippable(error))
                    {
                        Skip(tally.Skipped, SkipPhase.Process, input, error);
                        break;
                    }
                }
            }
        }

        private async Task WriteWithRetryAsync(ChunkTally tally)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await CommitAsync(tally, scanForSkips: false);
                    return;
                }
                catch (Exception error) when (!context.Run.IsAbortedBy(error))
                {
                    await RollBackAsync(error);
                    if (body.Retries.ShouldRetry(error, attempt))
                        await body.Retries.WaitBeforeRetryAsync(attempt, context.Time, CancellationToken);
                    else if (body.Skips.IsSkippable(error) && tally.Outputs.Count > 0)
                    {
                        await CommitAsync(tally, scanForSkips: true);
                        return;
                    }
                    else throw;
                }
            }
        }

        /// <summary>
        /// Writes the chunk, lets the streams record their checkpoint, and commits both. When scanning, each item is
        /// written under its own savepoint so a skippable failure drops only that item, and the chunk still commits
        /// once, with its checkpoint: a crash mid-scan leaves nothing half-committed.
        /// </summary>
        private async Task CommitAsync(ChunkTally tally, bool scanForSkips)
        {
            await using var scope = await context.Run.Repository.BeginChunkAsync(CancellationToken);
            var skipped = new List<SkippedItem>(tally.Skipped);
            var written = tally.Outputs.Count;
            long? progress = null;
            if (!scanForSkips)
            {
                if (written > 0)
                {
                    var chunk = new Chunk<TOut>(tally.Outputs, scope.Transaction, context);
                    await writer.WriteAsync(chunk, CancellationToken);
                    progress = chunk.Progress;
                }
            }
            else
            {
                foreach (var item in tally.Outputs)
                {
                    var savepoint = scope.Transaction.Transaction;
                    await savepoint.SaveAsync("item", CancellationToken);
                    try
                    {
                        await writer.WriteAsync(new Chunk<TOut>([item], scope.Transaction, context), CancellationToken);
                        await savepoint.ReleaseAsync("item", CancellationToken);
                    }
                    catch (Exception error) when (IsSkippable(error))
                    {
                        await savepoint.RollbackAsync("item", CancellationToken);
                        Skip(skipped, SkipPhase.Write, item, error);
                        written--;
                    }
                }
            }
            foreach (var stream in streams) await stream.UpdateAsync(context.ExecutionContext, CancellationToken);

            var done = progress ?? written + tally.Filtered + skipped.Count;
            Count(tally, written, skipped.Count, sign: 1);
            try
            {
                await scope.CommitAsync(Step, skipped, done, context.Run.Owner, CancellationToken);
            }
            catch
            {
                Count(tally, written, skipped.Count, sign: -1);
                throw;
            }
            context.Run.AddProgress(done);
            context.Run.Metrics.ChunkCommitted(context.Run.Job.Name, Step.StepName, done, context.Time.GetElapsedTime(tally.StartedAt));
        }

        private void Count(ChunkTally tally, long written, long skipped, int sign)
        {
            Step.ReadCount += sign * tally.Inputs.Count;
            Step.ProcessCount += sign * tally.Processed;
            Step.FilterCount += sign * tally.Filtered;
            Step.WriteCount += sign * written;
            Step.SkipCount += sign * skipped;
            Step.CommitCount += sign;
        }

        private async Task RollBackAsync(Exception error)
        {
            Step.RollbackCount++;
            foreach (var listener in context.Run.Listeners<IChunkErrorListener>())
                await listener.OnChunkErrorAsync(context, error, CancellationToken);
        }

        private bool IsSkippable(Exception error) => !context.Run.IsAbortedBy(error) && body.Skips.IsSkippable(error);

        /// <summary>Records a skip, or fails the step when it would pass the limit.</summary>
        private void Skip(List<SkippedItem> skipped, SkipPhase phase, object? item, Exception error)
        {
            body.Skips.EnsureWithinLimit(Step.SkipCount + skipped.Count + 1, error);
            skipped.Add(new SkippedItem
            {
                Phase = phase,
                Item = item?.ToString(),
                Reason = error.Message,
                ExceptionType = error.GetType().FullName ?? error.GetType().Name,
                SkippedAt = context.Time.GetUtcNow().UtcDateTime,
            });
        }
    }
}
