using PartnerOffice.Jobs.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.Jobs;

/// <summary>Each execution's run log: what the engine did, what the steps said, failures with their stack traces, capped.</summary>
public abstract class RunLogTests(DatabaseProvider engine) : EngineSuite(engine)
{
    [Fact]
    public async Task The_log_tells_the_start_each_steps_counts_what_a_step_said_a_failure_with_its_stack_trace_and_the_ending()
    {
        await using var engine = await StartEngineAsync(services => services.AddJob("report", job => job
            .Step("gather", step => step.Tasklet(async (ctx, ct) => await ctx.LogAsync(LogLevel.Information, "Gathered 3 sources.")))
            .Step("send", step => step.Tasklet((_, _) => throw new InvalidOperationException("The mail server refused the report.")))));

        var failed = await engine.RunAsync("report", JobParameters.Empty);

        var log = await engine.Operator.GetLogAsync(failed.Id);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Collection(log,
            line => Assert.StartsWith("Started on ", line.Message),
            line => Assert.Equal(("gather", "Gathered 3 sources."), (line.Step, line.Message)),
            line => Assert.Equal(("gather", "Completed: read 0, written 0, 0 commits, 0 rollbacks, 0 skipped."), (line.Step, line.Message)),
            line =>
            {
                Assert.Equal((LogLevel.Error, "send"), (line.Level, line.Step));
                Assert.Equal("Failed: InvalidOperationException: The mail server refused the report.", line.Message);
                Assert.Contains("   at ", line.Exception);
            },
            line => Assert.Equal((LogLevel.Warning, "Ended Failed: Step 'send' failed: InvalidOperationException: The mail server refused the report."),
                (line.Level, line.Message)));

        await engine.Operator.AbandonAsync(failed.Id);
        Assert.Equal("An operator abandoned it: now Abandoned.", (await engine.Operator.GetLogAsync(failed.Id))[^1].Message);
    }

    [Fact]
    public async Task An_execution_keeps_only_its_newest_lines()
    {
        await using var engine = await StartEngineAsync(services =>
        {
            services.Configure<JobEngineOptions>(o => o.RunLogLines = 20);
            services.AddJob("chatty", job => job.Step("talk", step => step.Tasklet(async (ctx, ct) =>
            {
                for (var n = 1; n <= 30; n++) await ctx.LogAsync(LogLevel.Information, $"line {n}");
            })));
        });

        var done = await engine.RunAsync("chatty", JobParameters.Empty);

        var log = await engine.Operator.GetLogAsync(done.Id);
        Assert.Equal(20, log.Count);
        Assert.Equal("line 13", log[0].Message);
        Assert.Equal("Ended Completed.", log[^1].Message);
    }
}

public sealed class RunLogOnSqliteTests() : RunLogTests(DatabaseProvider.Sqlite);

public sealed class RunLogOnPostgreSqlTests() : RunLogTests(DatabaseProvider.PostgreSql);
