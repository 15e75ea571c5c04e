using PartnerOffice.Jobs.Database;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Steps;
using PartnerOffice.Tests.JobHost;

namespace PartnerOffice.Tests.Jobs;

public abstract class ChunkStepTests(DatabaseProvider engine) : EngineSuite(engine)
{
    private static readonly JobParameters TwentyFive = JobParameters.Empty.With("count", 25);

    private static ChunkStepBuilder<NumberItem, NumberItem> NumberChunks(StepBuilder step, int size = 10) =>
        step.Chunk<NumberItem, NumberItem>(size).Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value));

    [Fact]
    public async Task Each_chunk_commits_once_with_exact_counts()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step)
                .Processor((item, _) => Task.FromResult(item.Value % 5 == 0 ? null : item))
                .Writer(_ => new NumberTableWriter("NumberRows")))));

        var execution = await engine.RunAsync("numbers", TwentyFive);

        Assert.Equal(JobStatus.Completed, execution.Status);
        var step = await engine.StepAsync(execution.Id, "write");
        Assert.Equal((25, 25, 5, 20, 0, 3, 0), (step.ReadCount, step.ProcessCount, step.FilterCount, step.WriteCount, step.SkipCount, step.CommitCount, step.RollbackCount));
        Assert.Equal(Numbers.Range(1, 25).Where(n => n % 5 != 0), await engine.NumberRowsAsync());
        Assert.Equal(25, execution.ProgressCurrent);
    }

    [Fact]
    public async Task After_chunk_listeners_see_each_committed_chunk_and_writers_may_count_progress_in_their_own_units()
    {
        var committedBeforeListener = new List<long>();
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job
            .Step("write", step => NumberChunks(step).Writer(_ => new BlockWriter(new NumberTableWriter("NumberRows"), recordsPerItem: 100)))
            .AfterChunk((ctx, _) =>
            {
                committedBeforeListener.Add(ctx.StepExecution.WriteCount);
                return Task.CompletedTask;
            })));

        var execution = await engine.RunAsync("numbers", TwentyFive);

        Assert.Equal(JobStatus.Completed, execution.Status);
        Assert.Equal([10L, 20L, 25L], committedBeforeListener);
        Assert.Equal(2_500, execution.ProgressCurrent);
    }

    [Fact]
    public async Task A_failing_after_chunk_listener_fails_the_step_without_writing_its_committed_chunk_again()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job
            .Step("write", step => NumberChunks(step).Writer(_ => new NumberTableWriter("NumberRows"))
                .Retry<TimeoutException>().RetryLimit(3))
            .AfterChunk((ctx, _) => ctx.StepExecution.WriteCount == 10 ? throw new TimeoutException("listener timed out") : Task.CompletedTask)));

        var execution = await engine.RunAsync("numbers", TwentyFive);

        Assert.Equal(JobStatus.Failed, execution.Status);
        var step = await engine.StepAsync(execution.Id, "write");
        Assert.Equal((10, 1, 0), (step.WriteCount, step.CommitCount, step.RollbackCount));
        Assert.Equal(Numbers.Range(1, 10), await engine.NumberRowsAsync());
    }

    /// <summary>Writes through another writer and counts each item as a block of records in the progress.</summary>
    private sealed class BlockWriter(IItemWriter<NumberItem> inner, int recordsPerItem) : IItemWriter<NumberItem>
    {
        public async Task WriteAsync(Chunk<NumberItem> chunk, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(chunk, cancellationToken);
            chunk.Progress = chunk.Items.Count * recordsPerItem;
        }
    }

    [Fact]
    public async Task A_failing_chunk_rolls_back_its_writes_and_keeps_the_last_checkpoint()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step).Writer(_ => new FailingWriter(new NumberTableWriter("NumberRows"),
                items => items.Any(i => i.Value == 15) ? new InvalidOperationException("disk full") : null)))));

        var execution = await engine.RunAsync("numbers", TwentyFive);

        Assert.Equal(JobStatus.Failed, execution.Status);
        Assert.Contains("disk full", execution.Error);
        var step = await engine.StepAsync(execution.Id, "write");
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Equal((10, 10, 1, 1), (step.ReadCount, step.WriteCount, step.CommitCount, step.RollbackCount));
        Assert.Equal(10L, step.ExecutionContext.Get<long>("numbers.read"));
        Assert.Equal(Numbers.Range(1, 10), await engine.NumberRowsAsync());
    }

    [Fact]
    public async Task Skippable_failures_skip_only_the_bad_items_and_record_why()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step)
                .Processor((item, _) => item.Value == 3 ? throw new FormatException("bad number 3") : Task.FromResult<NumberItem?>(item))
                .Writer(_ => new FailingWriter(new NumberTableWriter("NumberRows"),
                    items => items.Any(i => i.Value == 12) ? new InvalidDataException("row 12 rejected") : null))
                .Skip<FormatException>().Skip<InvalidDataException>().SkipLimit(5))));

        var execution = await engine.RunAsync("numbers", JobParameters.Empty.With("count", 20));

        Assert.Equal(JobStatus.Completed, execution.Status);
        var step = await engine.StepAsync(execution.Id, "write");
        Assert.Equal((20, 18, 2, 2, 1), (step.ReadCount, step.WriteCount, step.SkipCount, step.CommitCount, step.RollbackCount));
        Assert.Equal(Numbers.Range(1, 20).Where(n => n is not (3 or 12)), await engine.NumberRowsAsync());
        var skipped = await engine.Operator.GetSkippedItemsAsync(step.Id);
        Assert.Equal([(SkipPhase.Process, "3", "bad number 3"), (SkipPhase.Write, "12", "row 12 rejected")],
            skipped.Select(s => (s.Phase, s.Item, s.Reason)));
    }

    [Fact]
    public async Task Passing_the_skip_limit_fails_the_step()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step)
                .Processor((item, _) => item.Value % 4 == 0 ? throw new FormatException($"bad {item.Value}") : Task.FromResult<NumberItem?>(item))
                .Writer(_ => new NumberTableWriter("NumberRows"))
                .Skip<FormatException>().SkipLimit(1))));

        var execution = await engine.RunAsync("numbers", TwentyFive);

        Assert.Equal(JobStatus.Failed, execution.Status);
        Assert.Contains(nameof(SkipLimitExceededException), execution.Error);
        Assert.Empty(await engine.NumberRowsAsync());
    }

    [Fact]
    public async Task Transient_write_failures_are_retried_after_the_backoff_and_write_once()
    {
        var failures = 2;
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step)
                .Writer(_ => new FailingWriter(new NumberTableWriter("NumberRows"),
                    _ => Interlocked.Decrement(ref failures) >= 0 ? new TimeoutException("database busy") : null))
                .Retry<TimeoutException>().RetryLimit(3).Backoff(attempt => TimeSpan.FromSeconds(attempt)))));

        var execution = await engine.Launcher.EnqueueAsync("numbers", JobParameters.Empty.With("count", 10));
        await engine.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(2));
        engine.Clock.Advance(TimeSpan.FromSeconds(2));
        var finished = await engine.WaitForAsync(execution.Id, JobStatus.Completed, JobStatus.Failed);

        Assert.Equal(JobStatus.Completed, finished.Status);
        var step = await engine.StepAsync(execution.Id, "write");
        Assert.Equal((10, 1, 2), (step.WriteCount, step.CommitCount, step.RollbackCount));
        Assert.Equal(Numbers.Range(1, 10), await engine.NumberRowsAsync());
    }

    [Fact]
    public async Task Retries_that_run_out_fail_the_step()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step)
                .Writer(_ => new FailingWriter(new NumberTableWriter("NumberRows"), _ => new TimeoutException("database busy")))
                .Retry<TimeoutException>().RetryLimit(3))));

        var execution = await engine.RunAsync("numbers", JobParameters.Empty.With("count", 10));

        Assert.Equal(JobStatus.Failed, execution.Status);
        Assert.Equal(3, (await engine.StepAsync(execution.Id, "write")).RollbackCount);
    }

    [Fact]
    public async Task A_step_that_fails_midway_and_is_restarted_writes_every_item_exactly_once()
    {
        var failOn = 27L;
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step =>
            NumberChunks(step)
                .Processor((item, _) => item.Value == Volatile.Read(ref failOn) ? throw new InvalidOperationException("crashed on 27") : Task.FromResult<NumberItem?>(item))
                .Writer(context => new CompositeWriter<NumberItem>(new NumberTableWriter("NumberRows"),
                    new LineFileWriter<NumberItem>(context.Parameters.GetRequiredString("output"), n => n.ToString()))))));
        var output = engine.File("numbers.txt");

        var failed = await engine.RunAsync("numbers", JobParameters.Empty.With("count", 50).With("output", output));
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal(Numbers.Range(1, 20), await engine.NumberRowsAsync());

        Volatile.Write(ref failOn, 0);
        await engine.Operator.RestartAsync(failed.Id);
        var restarted = await engine.WaitForAsync(failed.Id, JobStatus.Completed, JobStatus.Failed);

        Assert.Equal(JobStatus.Completed, restarted.Status);
        Assert.Equal(2, restarted.RunCount);
        Assert.Equal(Numbers.Range(1, 50), await engine.NumberRowsAsync());
        Assert.Equal(Numbers.Range(1, 50).Select(n => n.ToString()), await File.ReadAllLinesAsync(output));
        var step = await engine.StepAsync(failed.Id, "write");
        Assert.Equal((50, 50, 5, 1), (step.ReadCount, step.WriteCount, step.CommitCount, step.RollbackCount));
        Assert.Equal(50, restarted.ProgressCurrent);
    }
}

public sealed class ChunkStepOnSqliteTests() : ChunkStepTests(DatabaseProvider.Sqlite);

public sealed class ChunkStepOnPostgreSqlTests() : ChunkStepTests(DatabaseProvider.PostgreSql);
