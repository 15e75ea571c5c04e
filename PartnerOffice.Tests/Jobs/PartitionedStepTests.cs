using PartnerOffice.Jobs.Database;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Steps;
using PartnerOffice.Tests.JobHost;

namespace PartnerOffice.Tests.Jobs;

public abstract class PartitionedStepTests(DatabaseProvider engine) : EngineSuite(engine)
{
    [Fact]
    public async Task Restart_reruns_only_the_failed_partition_from_its_checkpoint_then_merges()
    {
        var failOn = 35L;
        var readersStarted = new ConcurrentQueue<string>();
        await using var engine = await StartEngineAsync(services => services.AddJob("partitioned", job => job
            .Step("write", step => step
                .Partition(_ => new KeyRangePartitioner((_, _) => Task.FromResult<(long, long)?>((1, 60)), partitions: 3))
                .MaxParallelism(2)
                .Worker(worker => worker.Chunk<NumberItem, NumberItem>(10)
                    .Reader(context =>
                    {
                        readersStarted.Enqueue(context.PartitionName!);
                        return new RangeReader(context.ExecutionContext.Get<long>(KeyRangePartitioner.MinKey), context.ExecutionContext.Get<long>(KeyRangePartitioner.MaxKey));
                    })
                    .Processor((item, _) => item.Value == Volatile.Read(ref failOn) ? throw new InvalidOperationException("bad 35") : Task.FromResult<NumberItem?>(item))
                    .Writer(_ => new NumberTableWriter("NumberRows"))))
            .Step("merge", step => step.Tasklet((context, _) =>
            {
                context.JobExecutionContext.Put("merged", true);
                return Task.CompletedTask;
            }))));

        var failed = await engine.RunAsync("partitioned", JobParameters.Empty);

        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("p1", failed.Error);
        var steps = (await engine.Repository.GetStepExecutionsAsync(failed.Id)).ToDictionary(s => s.Name);
        Assert.Equal(StepStatus.Failed, steps["write"].Status);
        Assert.Equal([StepStatus.Completed, StepStatus.Failed, StepStatus.Completed],
            new[] { "write:p0", "write:p1", "write:p2" }.Select(name => steps[name].Status));
        Assert.DoesNotContain("merge", steps.Keys);
        Assert.Equal(Numbers.Range(1, 30).Concat(Numbers.Range(41, 60)), await engine.NumberRowsAsync());

        readersStarted.Clear();
        Volatile.Write(ref failOn, 0);
        await engine.Operator.RestartAsync(failed.Id);
        var restarted = await engine.WaitForAsync(failed.Id, JobStatus.Completed, JobStatus.Failed);

        Assert.Equal(JobStatus.Completed, restarted.Status);
        Assert.Equal(["p1"], readersStarted);
        Assert.Equal(Numbers.Range(1, 60), await engine.NumberRowsAsync());
        var p1 = await engine.StepAsync(failed.Id, "write:p1");
        Assert.Equal((20, 20, 2, 1), (p1.ReadCount, p1.WriteCount, p1.CommitCount, p1.RollbackCount));
        Assert.True(restarted.ExecutionContext.Get<bool>("merged"));
    }

    [Fact]
    public void Key_ranges_cover_the_whole_range_without_overlap()
    {
        var ranges = KeyRangePartitioner.Split(1, 10, 3)
            .Select(p => (p.Name, p.Context.Get<long>(KeyRangePartitioner.MinKey), p.Context.Get<long>(KeyRangePartitioner.MaxKey)));

        Assert.Equal([("p0", 1L, 4L), ("p1", 5L, 8L), ("p2", 9L, 10L)], ranges);
        Assert.Empty(KeyRangePartitioner.Split(5, 4, 3));
    }

    /// <summary>Reads min..max, checkpointing the last number handed out.</summary>
    private sealed class RangeReader(long min, long max) : IItemReader<NumberItem>, IItemStream
    {
        private long last = min - 1;

        public Task<NumberItem?> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(last < max ? new NumberItem(++last) : null);

        public Task OpenAsync(PartnerOffice.Jobs.ExecutionContext context, CancellationToken cancellationToken)
        {
            last = context.Get("range.last", min - 1);
            return Task.CompletedTask;
        }

        public Task UpdateAsync(PartnerOffice.Jobs.ExecutionContext context, CancellationToken cancellationToken)
        {
            context.Put("range.last", last);
            return Task.CompletedTask;
        }

        public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class PartitionedStepOnSqliteTests() : PartitionedStepTests(DatabaseProvider.Sqlite);

public sealed class PartitionedStepOnPostgreSqlTests() : PartitionedStepTests(DatabaseProvider.PostgreSql);
