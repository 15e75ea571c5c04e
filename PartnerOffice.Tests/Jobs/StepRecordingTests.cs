using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// How step executions reach the database: a short tasklet in one write at its end (the job's last step with the run's
/// ending), a long one shown as Running while it runs, a failed one without the checkpoint it held, a restarted one in its own row.
/// </summary>
public abstract class StepRecordingTests(DatabaseProvider engine) : EngineSuite(engine)
{
    [Fact]
    public async Task A_tasklet_still_running_after_a_second_is_shown_as_running_and_ends_in_the_same_row()
    {
        var release = new TaskCompletionSource();
        await using var engine = await StartEngineAsync(services => services
            .AddJob("slow", job => job.Step("wait", step => step.Tasklet(async (_, _) => await release.Task))));

        var execution = await engine.Launcher.EnqueueAsync("slow", JobParameters.Empty);
        await engine.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
        Assert.Empty(await engine.Repository.GetStepExecutionsAsync(execution.Id));

        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var shown = await WaitForStepAsync(engine, execution.Id);
        Assert.Equal(StepStatus.Running, shown.Status);
        Assert.StartsWith("Started on ", (await engine.Operator.GetLogAsync(execution.Id))[0].Message);

        release.SetResult();
        Assert.Equal(JobStatus.Completed, (await engine.WaitForAsync(execution.Id, JobStatus.Completed)).Status);
        var ended = Assert.Single(await engine.Repository.GetStepExecutionsAsync(execution.Id));
        Assert.Equal((shown.Id, StepStatus.Completed), (ended.Id, ended.Status));
        Assert.NotNull(ended.EndedAt);
    }

    [Fact]
    public async Task A_last_step_that_completes_keeps_its_checkpoint_and_one_that_fails_does_not()
    {
        await using var engine = await StartEngineAsync(services => services
            .AddJob("tally", job => job.Step("count", step => step.Tasklet((ctx, _) =>
            {
                ctx.ExecutionContext.Put("counted", 42);
                if (ctx.Parameters.GetString("fail") == "yes") throw new InvalidOperationException("The source went away.");
                return Task.CompletedTask;
            }))));

        var completed = await engine.RunAsync("tally", JobParameters.Empty.With("fail", "no"));
        var failed = await engine.RunAsync("tally", JobParameters.Empty.With("fail", "yes"));

        var kept = await engine.StepAsync(completed.Id, "count");
        Assert.Equal((StepStatus.Completed, 42), (kept.Status, kept.ExecutionContext.Get<int>("counted")));
        var lost = await engine.StepAsync(failed.Id, "count");
        Assert.Equal(StepStatus.Failed, lost.Status);
        Assert.Equal("InvalidOperationException: The source went away.", lost.Error);
        Assert.False(lost.ExecutionContext.Contains("counted"));
    }

    [Fact]
    public async Task A_restarted_step_ends_in_the_row_of_its_failed_run()
    {
        var attempts = 0;
        await using var engine = await StartEngineAsync(services => services
            .AddJob("flaky", job => job
                .Step("first", step => step.Tasklet((_, _) => Task.CompletedTask))
                .Step("second", step => step.Tasklet((_, _) =>
                    ++attempts == 1 ? throw new InvalidOperationException("Not yet.") : Task.CompletedTask))));

        var failed = await engine.RunAsync("flaky", JobParameters.Empty);
        var failedStep = await engine.StepAsync(failed.Id, "second");
        await engine.Operator.RestartAsync(failed.Id);
        var done = await engine.WaitForAsync(failed.Id, JobStatus.Completed);

        Assert.Equal((JobStatus.Completed, 2), (done.Status, done.RunCount));
        var steps = await engine.Repository.GetStepExecutionsAsync(failed.Id);
        Assert.Equal(["first", "second"], steps.Select(s => s.Name));
        Assert.Equal((failedStep.Id, StepStatus.Completed, (string?)null), (steps[1].Id, steps[1].Status, steps[1].Error));
        Assert.Equal(2, attempts);
    }

    /// <summary>The step's first row, written by the run in the background once the clock passed the showing delay.</summary>
    private static async Task<StepExecution> WaitForStepAsync(JobEngineHarness engine, long executionId)
    {
        var give = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if ((await engine.Repository.GetStepExecutionsAsync(executionId)).SingleOrDefault() is { } step) return step;
            if (DateTime.UtcNow > give) throw new TimeoutException("The running tasklet was never stored.");
            await Task.Delay(20);
        }
    }
}

public sealed class StepRecordingOnSqliteTests() : StepRecordingTests(DatabaseProvider.Sqlite);

public sealed class StepRecordingOnPostgreSqlTests() : StepRecordingTests(DatabaseProvider.PostgreSql);
