using Microsoft.Extensions.DependencyInjection;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Tests.JobHost;

namespace PartnerOffice.Tests.Jobs;

/// <summary>
/// Two nodes on one PostgreSQL database, each with its own workers, wake signal and event hub, and a manual clock that
/// never reaches a poll: whatever crosses from one to the other crossed by LISTEN/NOTIFY.
/// </summary>
public sealed class NodeChannelTests : EngineSuite
{
    public NodeChannelTests() : base(DatabaseProvider.PostgreSql) { }

    /// <summary>noop ends at once; numbers writes ten rows per chunk and waits before item 15 until released.</summary>
    private static void AddJobs(IServiceCollection services, TaskCompletionSource? release = null) => services
        .AddJob("noop", job => job.Step("run", step => step.Tasklet((_, _) => Task.CompletedTask)))
        .AddJob("numbers", job => job.Step("write", step => step.Chunk<NumberItem, NumberItem>(10)
            .Reader(context => new NumberReader(context.Parameters.GetInt64("count")!.Value, async n =>
            {
                if (n == 15 && release is not null) await release.Task;
            }))
            .Writer(_ => new NumberTableWriter("NumberRows"))));

    [Fact]
    public async Task Work_queued_on_a_node_without_workers_is_taken_at_once_by_an_idle_node_and_its_ending_is_seen_where_it_was_queued()
    {
        await using var queuing = await StartEngineAsync(s => AddJobs(s), workers: 0);
        await using var working = await StartEngineAsync(s => AddJobs(s), workers: 1, sharing: queuing);

        var execution = await queuing.Launcher.EnqueueAsync("noop", JobParameters.Empty.With("n", 1));

        // The queuing node waits on its own events: the completion it sees came from the other node.
        var ended = await queuing.WaitForAsync(execution.Id, JobStatus.Completed);
        Assert.Equal(1, ended.RunCount);
        Assert.Contains(queuing.Recorded, e => e.ExecutionId == execution.Id && e.Status == JobStatus.Completed && e.Node == ((JobEventHub)working.Events).Node);
        Assert.Equal(TimeSpan.Zero, queuing.Clock.GetUtcNow() - working.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Progress_of_an_execution_running_on_one_node_reaches_the_other_nodes_subscribers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var watching = await StartEngineAsync(s => AddJobs(s, release), workers: 0);
        await using var running = await StartEngineAsync(s => AddJobs(s, release), workers: 1, sharing: watching);
        var progressed = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = watching.Events.Subscribe(e =>
        {
            if (e is { Kind: JobEventKind.Progress, ProgressCurrent: 10 }) progressed.TrySetResult(e);
        });

        var execution = await running.Launcher.EnqueueAsync("numbers", JobParameters.Empty.With("count", 20L));

        var seen = await progressed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((execution.Id, "numbers", JobStatus.Running), (seen.ExecutionId, seen.JobName, seen.Status));
        Assert.Equal(((JobEventHub)running.Events).Node, seen.Node);
        release.SetResult();
        Assert.Equal(JobStatus.Completed, (await watching.WaitForAsync(execution.Id, JobStatus.Completed)).Status);
        // A node's own events are not delivered to it twice by the relay.
        Assert.Single(running.Recorded, e => e.ExecutionId == execution.Id && e.Status == JobStatus.Completed);
    }
}
