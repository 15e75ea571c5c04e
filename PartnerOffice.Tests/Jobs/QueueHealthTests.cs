using PartnerOffice.Jobs.Database;
using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.Tests.Jobs;

/// <summary>The queue's health as the admin dashboard shows it: nodes and their workers, waiting, outcomes by hour, the slowest jobs.</summary>
public abstract class QueueHealthTests(DatabaseProvider engine) : EngineSuite(engine)
{
    private sealed class Gates
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public SemaphoreSlim Started { get; } = new(0);
    }

    private static void AddJobs(IServiceCollection services, Gates gates)
    {
        services.AddSingleton(gates);
        services.AddJob("hold", job => job.Step("wait", step => step.Tasklet(async (ctx, ct) =>
        {
            var mine = ctx.Services.GetRequiredService<Gates>();
            mine.Started.Release();
            await mine.Release.Task.WaitAsync(ct);
        })));
        services.AddJob("quick", job => job.Step("go", step => step.Tasklet((_, _) => Task.CompletedTask)));
        services.AddJob("broken", job => job.Step("go", step => step.Tasklet((_, _) => throw new InvalidOperationException("The remote system said no"))));
    }

    private static async Task StartedAsync(Gates gates, int count)
    {
        // A guard against a hung test, not a wait that makes it pass.
        for (var n = 0; n < count; n++) Assert.True(await gates.Started.WaitAsync(TimeSpan.FromSeconds(30)), $"only {n} of {count} started");
    }

    [Fact]
    public async Task Each_node_reports_its_workers_and_how_many_are_busy_the_oldest_queued_ages_and_a_stopped_node_drops_out()
    {
        var gates = new Gates();
        await using var first = await StartEngineAsync(s => AddJobs(s, gates), workers: 2);
        var second = await StartEngineAsync(s => AddJobs(s, gates), workers: 1, sharing: first);
        try
        {
            var idle = await first.Operator.HealthAsync();
            Assert.Equal([(2, 0), (1, 0)], idle.Nodes.Select(n => (n.Workers, n.Busy)));
            Assert.Null(idle.OldestQueuedAge);

            for (var n = 0; n < 2; n++) await first.Launcher.EnqueueAsync("hold", JobParameters.Empty.With("n", n));
            await StartedAsync(gates, 2);
            // The second node's worker may have taken one of those as it started. The third goes through the node with a
            // worker still free, whose workers wake on its own enqueues (the harness polls hourly).
            var secondBusy = (await first.Operator.HealthAsync()).Nodes.Single(n => n.Id == second.Pool.Id).Busy == 1;
            await (secondBusy ? first : second).Launcher.EnqueueAsync("hold", JobParameters.Empty.With("n", 2));
            await StartedAsync(gates, 1);
            await first.Launcher.EnqueueAsync("hold", JobParameters.Empty.With("n", 3));
            first.Clock.Advance(TimeSpan.FromMinutes(5));

            var busy = await second.Operator.HealthAsync();
            Assert.Equal([(2, 2), (1, 1)], busy.Nodes.Select(n => (n.Workers, n.Busy)));
            Assert.Equal((1, 3), (busy.Queued, busy.Running));
            Assert.Equal(TimeSpan.FromMinutes(5), busy.OldestQueuedAge);
        }
        finally
        {
            gates.Release.TrySetResult();
            await second.DisposeAsync();
        }

        var after = await first.Operator.HealthAsync();
        Assert.Equal(first.Pool.Id, Assert.Single(after.Nodes).Id);
    }

    [Fact]
    public async Task A_node_that_stops_reporting_drops_out_after_three_missed_heartbeats()
    {
        await using var engine = await StartEngineAsync(s => AddJobs(s, new Gates()), workers: 1);
        // A node killed without signing off: its last heartbeat stays behind.
        await engine.Repository.RecordNodeAsync("killed/1", 4, engine.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        engine.Clock.Advance(TimeSpan.FromHours(2.5)); // under three heartbeats of an hour (the harness's interval)
        Assert.Contains((await engine.Operator.HealthAsync()).Nodes, n => n.Id == "killed/1");
        engine.Clock.Advance(TimeSpan.FromHours(1));
        Assert.DoesNotContain((await engine.Operator.HealthAsync()).Nodes, n => n.Id == "killed/1");
    }

    [Fact]
    public async Task The_last_day_counts_outcomes_hour_by_hour_and_the_slowest_jobs_lead_with_their_longest_run()
    {
        var gates = new Gates();
        await using var engine = await StartEngineAsync(s => AddJobs(s, gates), workers: 2);
        var slow = await engine.Launcher.EnqueueAsync("hold", JobParameters.Empty);
        await StartedAsync(gates, 1);
        engine.Clock.Advance(TimeSpan.FromMinutes(10));
        gates.Release.SetResult();
        await engine.WaitForAsync(slow.Id, JobStatus.Completed);
        await engine.RunAsync("quick", JobParameters.Empty.With("n", 1));
        await engine.RunAsync("broken", JobParameters.Empty.With("n", 1));
        engine.Clock.Advance(TimeSpan.FromHours(2));
        await engine.RunAsync("broken", JobParameters.Empty.With("n", 2));

        var health = await engine.Operator.HealthAsync();

        Assert.Equal(24, health.LastDay.Count);
        Assert.Equal((0, 1), (health.LastDay[^1].Completed, health.LastDay[^1].Failed));
        Assert.Equal((2, 1), (health.LastDay[^3].Completed, health.LastDay[^3].Failed));
        Assert.Equal(4, health.LastDay.Sum(h => h.Completed + h.Failed));
        var leader = health.Slowest[0];
        Assert.Equal(("hold", 1, TimeSpan.FromMinutes(10), slow.Id), (leader.JobName, leader.Runs, leader.Longest, leader.LongestExecutionId));
        Assert.Equal(["hold", "quick"], health.Slowest.Select(j => j.JobName));

        engine.Clock.Advance(TimeSpan.FromHours(25));
        var later = await engine.Operator.HealthAsync();
        Assert.All(later.LastDay, h => Assert.Equal((0, 0), (h.Completed, h.Failed)));
        Assert.Empty(later.Slowest);
    }
}

public sealed class QueueHealthOnSqliteTests() : QueueHealthTests(DatabaseProvider.Sqlite);

public sealed class QueueHealthOnPostgreSqlTests() : QueueHealthTests(DatabaseProvider.PostgreSql);
