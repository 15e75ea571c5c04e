using PartnerOffice.Jobs.Database;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Running;
using PartnerOffice.Tests.JobHost;

namespace PartnerOffice.Tests.Jobs;

public abstract class LaunchingTests(DatabaseProvider engine) : EngineSuite(engine)
{
    private static JobParameters Count(long count) => JobParameters.Empty.With("count", count);

    /// <summary>A job whose reader waits at item <paramref name="pauseAt"/> until the test lets it go on.</summary>
    private static void AddPausingJob(IServiceCollection services, long pauseAt, TaskCompletionSource paused, Task resume, Action<JobBuilder>? more = null) =>
        services.AddJob("numbers", job =>
        {
            job.Step("write", step => step.Chunk<NumberItem, NumberItem>(10)
                .Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value, async n =>
                {
                    if (n != pauseAt) return;
                    paused.TrySetResult();
                    await resume;
                }))
                .Writer(_ => new NumberTableWriter("NumberRows")));
            more?.Invoke(job);
        });

    [Fact]
    public async Task A_cancelled_queued_execution_never_starts()
    {
        var blocking = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var cancelledRan = false;
        await using var engine = await StartEngineAsync(services => services
            .AddJob("blocker", job => job.Step("wait", step => step.Tasklet(async (_, _) =>
            {
                started.TrySetResult();
                await blocking.Task;
            })))
            .AddJob("victim", job => job.Step("run", step => step.Tasklet((_, _) =>
            {
                cancelledRan = true;
                return Task.CompletedTask;
            })))
            .AddJob("after", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))), workers: 1);

        var blocker = await engine.Launcher.EnqueueAsync("blocker", JobParameters.Empty);
        await started.Task;
        var victim = await engine.Launcher.EnqueueAsync("victim", JobParameters.Empty);
        var cancelled = await engine.Operator.CancelAsync(victim.Id);
        var after = await engine.Launcher.EnqueueAsync("after", JobParameters.Empty);
        blocking.SetResult();

        // The single worker takes executions oldest first: once "after" is done, it has passed the victim by.
        Assert.Equal(JobStatus.Completed, (await engine.WaitForAsync(after.Id, JobStatus.Completed)).Status);
        Assert.Equal(JobStatus.Completed, (await engine.WaitForAsync(blocker.Id, JobStatus.Completed)).Status);
        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        Assert.False(cancelledRan);
        Assert.Empty(await engine.Repository.GetStepExecutionsAsync(victim.Id));
        Assert.Null((await engine.Repository.GetExecutionAsync(victim.Id))!.StartedAt);
    }

    [Fact]
    public async Task A_stopped_execution_stops_after_its_current_chunk_and_restarts_where_it_stopped()
    {
        var paused = new TaskCompletionSource();
        var resume = new TaskCompletionSource();
        await using var engine = await StartEngineAsync(services => AddPausingJob(services, 15, paused, resume.Task));

        var execution = await engine.Launcher.EnqueueAsync("numbers", Count(35));
        await paused.Task;
        Assert.Equal(JobStatus.Stopping, (await engine.Operator.StopAsync(execution.Id)).Status);
        resume.SetResult();
        var stopped = await engine.WaitForAsync(execution.Id, JobStatus.Stopped, JobStatus.Completed, JobStatus.Failed);

        Assert.Equal(JobStatus.Stopped, stopped.Status);
        Assert.Equal(Numbers.Range(1, 20), await engine.NumberRowsAsync());

        await engine.Operator.RestartAsync(execution.Id);
        Assert.Equal(JobStatus.Completed, (await engine.WaitForAsync(execution.Id, JobStatus.Completed, JobStatus.Failed)).Status);
        Assert.Equal(Numbers.Range(1, 35), await engine.NumberRowsAsync());
    }

    [Fact]
    public async Task Cancelling_a_running_execution_ends_it_cancelled_and_lets_the_job_clean_up()
    {
        var paused = new TaskCompletionSource();
        var resume = new TaskCompletionSource();
        var cleanedUpAs = new TaskCompletionSource<JobStatus>();
        await using var engine = await StartEngineAsync(services => AddPausingJob(services, 5, paused, resume.Task,
            job => job.AfterJob((context, _) =>
            {
                cleanedUpAs.TrySetResult(context.Execution.Status);
                return Task.CompletedTask;
            })));

        var execution = await engine.Launcher.EnqueueAsync("numbers", Count(30));
        await paused.Task;
        await engine.Operator.CancelAsync(execution.Id);
        resume.SetResult();

        Assert.Equal(JobStatus.Cancelled, (await engine.WaitForAsync(execution.Id, JobStatus.Cancelled, JobStatus.Completed)).Status);
        Assert.Equal(JobStatus.Cancelled, await cleanedUpAs.Task);
        Assert.Equal(Numbers.Range(1, 10), await engine.NumberRowsAsync());
        await Assert.ThrowsAsync<IllegalStatusTransitionException>(() => engine.Operator.RestartAsync(execution.Id));
    }

    [Fact]
    public async Task Operators_cannot_move_an_execution_along_an_illegal_path()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("noop", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))));

        var completed = await engine.RunAsync("noop", JobParameters.Empty);

        Assert.Equal(JobStatus.Completed, completed.Status);
        await Assert.ThrowsAsync<IllegalStatusTransitionException>(() => engine.Operator.RestartAsync(completed.Id));
        await Assert.ThrowsAsync<IllegalStatusTransitionException>(() => engine.Operator.AbandonAsync(completed.Id));
        await Assert.ThrowsAsync<IllegalStatusTransitionException>(() => engine.Operator.StopAsync(completed.Id));
        Assert.Equal(JobStatus.Completed, (await engine.Repository.GetExecutionAsync(completed.Id))!.Status);
    }

    [Fact]
    public async Task Endings_no_run_makes_tell_the_after_job_listeners_before_they_are_published()
    {
        // What each listener call saw, and what had been published by then.
        var told = new ConcurrentQueue<(long Execution, JobStatus Status, bool AlreadyPublished)>();
        JobEngineHarness? harness = null;
        await using var engine = harness = await StartEngineAsync(services => services.AddJob("numbers", job => job
            .OnLeaseExpired(LeaseExpiryPolicy.Fail)
            .Step("write", step => step.Tasklet((_, _) => Task.CompletedTask))
            .AfterJob((ctx, _) =>
            {
                told.Enqueue((ctx.Execution.Id, ctx.Execution.Status,
                    harness!.Recorded.Any(e => e.ExecutionId == ctx.Execution.Id && e.Status == ctx.Execution.Status)));
                return Task.CompletedTask;
            })), startWorkers: false);

        var cancelled = await engine.Launcher.EnqueueAsync("numbers", Count(1));
        await engine.Operator.CancelAsync(cancelled.Id);
        var abandoned = await engine.Launcher.EnqueueAsync("numbers", Count(2));
        await engine.Operator.AbandonAsync(abandoned.Id);
        var orphaned = await engine.Launcher.EnqueueAsync("numbers", Count(3));
        await engine.Services.GetRequiredService<JobStateMachine>().ClaimNextAsync(new NextClaim(["numbers"], "dead-process", TimeSpan.FromMinutes(1)), CancellationToken.None);
        engine.Clock.Advance(TimeSpan.FromMinutes(2));
        await engine.Pool.RecoverExpiredLeasesAsync(CancellationToken.None);

        Assert.Equal([(cancelled.Id, JobStatus.Cancelled, false), (abandoned.Id, JobStatus.Abandoned, false), (orphaned.Id, JobStatus.Failed, false)], told);
        Assert.Equal(JobStatus.Failed, (await engine.Operator.GetAsync(orphaned.Id))!.Execution.Status);
    }

    [Theory]
    [InlineData(LeaseExpiryPolicy.Resume, JobStatus.Completed)]
    [InlineData(LeaseExpiryPolicy.Fail, JobStatus.Failed)]
    public async Task An_execution_whose_process_died_is_resumed_or_failed_when_its_lease_expires(LeaseExpiryPolicy policy, JobStatus expected)
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job
            .OnLeaseExpired(policy)
            .Step("write", step => step.Chunk<NumberItem, NumberItem>(10)
                .Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value))
                .Writer(_ => new NumberTableWriter("NumberRows")))), startWorkers: false);
        // Queued before any worker runs, then claimed by a "process" that never runs it nor renews its lease.
        var queued = await engine.Repository.EnqueueAsync(new JobLaunch("numbers", Count(20), null, null), CancellationToken.None);
        var stateMachine = engine.Services.GetRequiredService<JobStateMachine>();
        var claimed = await stateMachine.ClaimNextAsync(new NextClaim(["numbers"], "dead-process", TimeSpan.FromMinutes(1)), CancellationToken.None);
        Assert.Equal(queued.Id, claimed!.Id);

        Assert.Equal(0, await engine.Pool.RecoverExpiredLeasesAsync(CancellationToken.None));
        engine.Clock.Advance(TimeSpan.FromMinutes(2));
        // The live process's lease watcher finds the expired lease when it starts.
        await engine.StartWorkersAsync();
        var finished = await engine.WaitForAsync(queued.Id, JobStatus.Completed, JobStatus.Failed);

        Assert.Equal(expected, finished.Status);
        if (expected == JobStatus.Completed)
        {
            Assert.Equal(2, finished.RunCount);
            Assert.Equal(Numbers.Range(1, 20), await engine.NumberRowsAsync());
        }
    }

    [Fact]
    public async Task A_runs_ending_claims_its_workers_next_execution_even_when_the_ending_no_longer_applies()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("noop", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))), workers: 0);
        var stateMachine = engine.Services.GetRequiredService<JobStateMachine>();
        var first = await engine.Repository.EnqueueAsync(new JobLaunch("noop", Count(1), null, null), CancellationToken.None);
        var second = await engine.Repository.EnqueueAsync(new JobLaunch("noop", Count(2), null, null), CancellationToken.None);
        var third = await engine.Repository.EnqueueAsync(new JobLaunch("noop", Count(3), null, null), CancellationToken.None);
        await stateMachine.ClaimNextAsync(new NextClaim(["noop"], "worker#1", TimeSpan.FromMinutes(1)), CancellationToken.None);

        var (ended, claimed) = await stateMachine.TryEndThenClaimAsync(first.Id, JobStatus.Running, JobStatus.Completed,
            new StatusChange { ExpectedOwner = "worker#1" }, new NextClaim(["noop"], "worker#2", TimeSpan.FromMinutes(1)), CancellationToken.None);
        Assert.Equal((first.Id, JobStatus.Completed), (ended!.Id, ended.Status));
        Assert.Equal((second.Id, JobStatus.Running, "worker#2"), (claimed!.Id, claimed.Status, claimed.LeaseOwner));

        // Another owner's ending does not apply; the claim is made all the same, and the queue is then empty.
        (ended, claimed) = await stateMachine.TryEndThenClaimAsync(second.Id, JobStatus.Running, JobStatus.Completed,
            new StatusChange { ExpectedOwner = "worker#1" }, new NextClaim(["noop"], "worker#3", TimeSpan.FromMinutes(1)), CancellationToken.None);
        Assert.Null(ended);
        Assert.Equal((third.Id, "worker#3"), (claimed!.Id, claimed.LeaseOwner));
        Assert.Equal(JobStatus.Running, (await engine.Repository.GetExecutionAsync(second.Id))!.Status);

        (ended, claimed) = await stateMachine.TryEndThenClaimAsync(third.Id, JobStatus.Running, JobStatus.Failed,
            new StatusChange { ExpectedOwner = "worker#3", Error = "boom" }, new NextClaim(["noop"], "worker#4", TimeSpan.FromMinutes(1)), CancellationToken.None);
        Assert.Equal((JobStatus.Failed, "boom"), (ended!.Status, ended.Error));
        Assert.Null(claimed);
    }

    [Fact]
    public async Task A_chunk_cannot_commit_once_its_process_no_longer_holds_the_lease()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("noop", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))), workers: 0);
        var execution = await engine.Repository.EnqueueAsync(new JobLaunch("noop", JobParameters.Empty, null, null), CancellationToken.None);
        var stateMachine = engine.Services.GetRequiredService<JobStateMachine>();
        await stateMachine.ClaimNextAsync(new NextClaim(["noop"], "slow-process", TimeSpan.FromMinutes(1)), CancellationToken.None);
        var step = new StepExecution { JobExecutionId = execution.Id, Name = "run", StepName = "run" };
        await engine.Repository.AddStepExecutionsAsync([step], [], CancellationToken.None);
        // The slow process's lease expired and another process took the execution over.
        engine.Clock.Advance(TimeSpan.FromMinutes(2));
        await stateMachine.TryMoveAsync(execution.Id, JobStatus.Running, JobStatus.Queued, new StatusChange { OnlyIfLeaseExpired = true }, CancellationToken.None);
        await stateMachine.ClaimNextAsync(new NextClaim(["noop"], "other-process", TimeSpan.FromMinutes(1)), CancellationToken.None);

        await using (var chunk = await engine.Repository.BeginChunkAsync(CancellationToken.None))
        {
            await using var insert = chunk.Transaction.CreateCommand("INSERT INTO NumberRows (Number, Square) VALUES (1, 1)");
            await insert.ExecuteNonQueryAsync();
            await Assert.ThrowsAsync<JobLeaseLostException>(() => chunk.CommitAsync(step, [], 1, "slow-process", CancellationToken.None));
        }

        Assert.Empty(await engine.NumberRowsAsync());
        Assert.Equal("other-process", (await engine.Repository.GetExecutionAsync(execution.Id))!.LeaseOwner);
    }

    [Fact]
    public async Task An_instance_is_launched_once_unless_the_job_allows_reruns_or_increments_its_parameters()
    {
        await using var engine = await StartEngineAsync(services => services
            .AddJob("once", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask)))
            .AddJob("rerunnable", job => job.AllowRerunWhenCompleted().Step("run", step => step.Tasklet((_, _) => Task.CompletedTask)))
            .AddJob("scheduled", job => job.Incrementer(new RunIdIncrementer()).RequireParameters("day").Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))));
        var day = JobParameters.Empty.With("day", "2026-01-05").With("requestedAt", "09:00", identifying: false);

        Assert.Equal(JobStatus.Completed, (await engine.RunAsync("once", day)).Status);
        var refused = await Assert.ThrowsAsync<JobInstanceConflictException>(() => engine.Launcher.EnqueueAsync("once", day.With("requestedAt", "10:00", identifying: false)));
        Assert.Equal(JobStatus.Completed, refused.ExistingStatus);
        Assert.Equal(JobStatus.Completed, (await engine.RunAsync("once", day.With("day", "2026-01-06"))).Status);

        Assert.Equal(JobStatus.Completed, (await engine.RunAsync("rerunnable", day)).Status);
        Assert.Equal(JobStatus.Completed, (await engine.RunAsync("rerunnable", day)).Status);

        var first = await engine.RunAsync("scheduled", day);
        var second = await engine.RunAsync("scheduled", day);
        Assert.Equal([1L, 2L], new[] { first, second }.Select(e => e.Parameters.GetInt64(RunIdIncrementer.Key)!.Value));
        Assert.NotEqual(first.JobInstanceId, second.JobInstanceId);
        Assert.Throws<JobParametersInvalidException>(() => engine.Launcher.EnqueueAsync("scheduled", JobParameters.Empty).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Enqueueing_in_the_callers_transaction_commits_or_rolls_back_with_the_business_row()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("export", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))));
        await using var connection = await engine.Database.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE BusinessRows (ExecutionId BIGINT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        async Task<long> RequestAsync(bool commit)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var execution = await engine.Launcher.EnqueueAsync("export", JobParameters.Empty.With("request", commit ? "kept" : "dropped"), transaction, "ann", "P001");
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO BusinessRows (ExecutionId) VALUES ({execution.Id})";
            await insert.ExecuteNonQueryAsync();
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
            return execution.Id;
        }

        var dropped = await RequestAsync(commit: false);
        Assert.Null(await engine.Repository.GetExecutionAsync(dropped));

        var kept = await RequestAsync(commit: true);
        engine.Launcher.WakeWorkers();
        var finished = await engine.WaitForAsync(kept, JobStatus.Completed);
        Assert.Equal(("ann", "P001"), (finished.RequestedBy, finished.Tenant));
    }

    [Fact]
    public async Task Status_changes_are_published_at_once_and_progress_is_throttled()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("numbers", job => job.Step("write", step => step
            .Chunk<NumberItem, NumberItem>(10)
            .Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value))
            .Writer(_ => new NumberTableWriter("NumberRows")))));

        var execution = await engine.RunAsync("numbers", JobParameters.Empty.With("count", 50));
        engine.Clock.Advance(TimeSpan.FromSeconds(1));

        var events = engine.Recorded.Where(e => e.ExecutionId == execution.Id).ToList();
        Assert.Equal([JobStatus.Queued, JobStatus.Running, JobStatus.Completed],
            events.Where(e => e.Kind == JobEventKind.StatusChanged).Select(e => e.Status));
        // Five chunks commit while the clock stands still: only the first progress event goes out at once; the
        // completion, carrying the final progress, makes the pending one obsolete.
        Assert.Single(events, e => e.Kind == JobEventKind.Progress);
        Assert.Equal(50, events.Last().ProgressCurrent);
    }

    [Fact]
    public async Task Jobs_run_with_an_in_memory_repository_too()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("noop", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask))),
            inMemoryRepository: true);

        var execution = await engine.RunAsync("noop", JobParameters.Empty);

        Assert.Equal(JobStatus.Completed, execution.Status);
        var page = await engine.Operator.ListAsync(new JobExecutionQuery { JobName = "noop" });
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("run", Assert.Single((await engine.Operator.GetAsync(execution.Id))!.Steps).Name);
    }

    [Fact]
    public async Task Executions_are_listed_in_the_order_asked_for_and_newest_first_among_equals_so_pages_never_overlap()
    {
        await using var engine = await StartEngineAsync(services =>
        {
            services.AddJob("alpha", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask)));
            services.AddJob("beta", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask)));
        });
        var ids = new List<(string Job, long Id)>();
        foreach (var (job, n) in new[] { ("beta", 1), ("alpha", 2), ("beta", 3), ("alpha", 4) })
            ids.Add((job, (await engine.RunAsync(job, JobParameters.Empty.With("n", n))).Id));

        async Task<long[]> ListAsync(JobExecutionSort sort, bool descending, int skip = 0, int take = 10) =>
            (await engine.Operator.ListAsync(new JobExecutionQuery { Sort = sort, Descending = descending, Skip = skip, Take = take }))
                .Items.Select(e => e.Id).ToArray();

        var newestFirst = ids.Select(x => x.Id).Reverse().ToArray();
        Assert.Equal(newestFirst, await ListAsync(JobExecutionSort.Created, descending: true));
        var byJob = ids.Where(x => x.Job == "alpha").Select(x => x.Id).Reverse().Concat(ids.Where(x => x.Job == "beta").Select(x => x.Id).Reverse()).ToArray();
        Assert.Equal(byJob, await ListAsync(JobExecutionSort.JobName, descending: false));
        // Two pages of two, by job: together every execution once.
        Assert.Equal(byJob, (await ListAsync(JobExecutionSort.JobName, false, 0, 2)).Concat(await ListAsync(JobExecutionSort.JobName, false, 2, 2)));
    }
}

public sealed class LaunchingOnSqliteTests() : LaunchingTests(DatabaseProvider.Sqlite);

public sealed class LaunchingOnPostgreSqlTests() : LaunchingTests(DatabaseProvider.PostgreSql);
