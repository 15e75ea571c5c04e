using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerOffice.Alerts;
using PartnerOffice.App.Storage;
using PartnerOffice.Data;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Events;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Rankings;
using PartnerOffice.Tests.Jobs;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Rankings;

/// <summary>
/// The push, aggregation and pull jobs on a real database file, with the watcher driven by hand; run on a local file
/// store and on an S3-protocol server (below), as production's regions share their files through S3.
/// </summary>
public abstract class RankingJobsContract : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private IFileStore fileStore = default!;

    /// <summary>The store the regions share, empty at the start of each test.</summary>
    protected abstract IFileStore CreateStore(TempDirectory folder);
    private readonly ConcurrentQueue<Alert> alerts = new();
    private JobEngineHarness engine = default!;

    private IFileStore Store => engine.Services.GetRequiredService<IFileStore>();
    private VoteFileWatcher Watcher => engine.Services.GetRequiredService<VoteFileWatcher>();

    public async Task InitializeAsync()
    {
        fileStore = CreateStore(folder);
        engine = await JobEngineHarness.StartAsync(services =>
        {
            services.AddDbContextFactory<PartnerOfficeDbContext>((sp, o) =>
                o.UsePartnerOfficeSqlite(sp.GetRequiredService<IOptions<JobEngineOptions>>().Value.ConnectionString!));
            services.AddOptions<RankingOptions>();
            services.AddSingleton(fileStore);
            services.AddSingleton<IAlertSender>(new RecordingAlerts(alerts));
            services.AddSingleton<IRankingStore, DatabaseRankingStore>();
            services.AddSingleton<VoteFileWatcher>();
            services.AddJob(VotePushJob.Name, VotePushJob.Define);
            services.AddJob(VoteAggregationJob.Name, VoteAggregationJob.Define);
            services.AddJob(RankingPullJob.Name, RankingPullJob.Define);
        });
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        (fileStore as IDisposable)?.Dispose();
        folder.Dispose();
    }

    private async Task<string> ReadAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key);
        return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
    }

    private Task PutTalliesAsync(string key, params ItemTally[] tallies) =>
        Store.PutAsync(key, new MemoryStream(VoteFiles.WriteTallies(tallies)), VoteFiles.ContentType);

    [Fact]
    public async Task A_push_writes_the_regions_tallies_of_each_event_stamped_with_its_request_time()
    {
        await using (var db = await engine.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync())
        {
            Vote V(string eventId, string region, long item, long voter) => new() { EventId = eventId, Region = region, ItemId = item, VoterId = voter, VotedAt = new DateTime(2026, 1, 5, 8, 0, 0) };
            db.Votes.AddRange(
                V("e1", "JP", 10, 1), V("e1", "JP", 10, 1), V("e1", "JP", 10, 2),   // one voter twice: 3 votes, 2 voters
                V("e1", "JP", 20, 3), V("e1", "JP", 5, 4), V("e1", "JP", 5, 5),
                V("e1", "KR", 10, 9),                                              // another region's
                V("e2", "JP", 1, 1));                                              // another event's
            await db.SaveChangesAsync();
        }

        var execution = await engine.RunAsync(VotePushJob.Name, JobParameters.Empty.With(VotePushJob.RegionParameter, "JP"));

        Assert.Equal((JobStatus.Completed, null), (execution.Status, execution.Error));
        // The harness's clock reads 2026-01-05 09:00 UTC.
        Assert.Equal(["votes/e1/JP-202601050900.csv", "votes/e2/JP-202601050900.csv"], await Store.ListKeysAsync(VoteFiles.Root));
        Assert.Equal("itemId,votes,voters\n5,2,2\n10,3,2\n20,1,1\n", await ReadAsync("votes/e1/JP-202601050900.csv"));
        Assert.Equal("itemId,votes,voters\n1,1,1\n", await ReadAsync("votes/e2/JP-202601050900.csv"));
    }

    [Fact]
    public async Task A_push_for_a_region_not_configured_fails()
    {
        var execution = await engine.RunAsync(VotePushJob.Name, JobParameters.Empty.With(VotePushJob.RegionParameter, "EU"));

        Assert.Equal(JobStatus.Failed, execution.Status);
        Assert.Contains("'EU' is not one of the regions", execution.Error);
    }

    [Fact]
    public async Task A_new_region_file_triggers_one_aggregation_of_each_regions_latest_file_whose_result_triggers_nothing_and_is_pulled()
    {
        Assert.Empty(await Watcher.CheckAsync()); // the first listing learns what is there
        var pulled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = engine.Events.Subscribe(e =>
        {
            if (e.JobName == RankingPullJob.Name && e.Kind == JobEventKind.StatusChanged && e.Status == JobStatus.Completed) pulled.TrySetResult();
        });
        await PutTalliesAsync("votes/e1/JP-202601050800.csv", new ItemTally(1, 1_000, 900));   // superseded by the next one
        await PutTalliesAsync("votes/e1/JP-202601050900.csv", new(2, 500, 450), new(3, 400, 380), new(4, 100, 90));
        await PutTalliesAsync("votes/e1/KR-202601050900.csv", new(1, 5_000, 4_000), new(2, 3_000, 2_500), new(3, 2_000, 1_900));
        await PutTalliesAsync("votes/e1/NA-202601050855.csv", new(4, 15, 15), new(1, 5, 5));

        var aggregation = Assert.Single(await Watcher.CheckAsync());
        Assert.Equal(JobStatus.Completed, (await engine.WaitForAsync(aggregation.Id, JobStatus.Completed, JobStatus.Failed)).Status);

        // The numbers of RankingNormaliserTests: the JP file of 08:00 took no part.
        Assert.Equal("rank,itemId,score,votes\n1,4,0.85,115\n2,2,0.8,3500\n3,1,0.75,5005\n4,3,0.6000000000000001,2400\n",
            await ReadAsync(VoteFiles.ResultFile("e1")));
        Assert.Empty(await Watcher.CheckAsync());
        Assert.Contains(VoteFiles.ResultFile("e1"), await Store.ListKeysAsync(VoteFiles.Root));

        var alert = Assert.Single(alerts);
        Assert.Contains("e1", alert.Title);
        Assert.Equal("/rankings?event=e1", alert.Link!.OriginalString);
        Assert.False(alert.Link.IsAbsoluteUri);

        await pulled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var store = engine.Services.GetRequiredService<IRankingStore>();
        Assert.Equal([4L, 2L, 1L, 3L], (await store.GetAsync("e1", RankingScope.Global))!.Select(r => r.ItemId));
        Assert.Equal([(4L, 0.75), (1L, 0.25)], (await store.GetAsync("e1", "NA"))!.Select(r => (r.ItemId, r.Score)));
        Assert.Equal([2L, 3L, 4L], (await store.GetAsync("e1", "JP"))!.Select(r => r.ItemId));
        Assert.Null(await store.GetAsync("e1", "TW"));
    }

    [Fact]
    public async Task The_demo_votes_come_from_regions_of_very_different_sizes_and_rank_differently_from_a_plain_sum()
    {
        var contexts = engine.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>();
        await VoteDemoSeeder.SeedAsync(contexts, engine.Clock.GetUtcNow().UtcDateTime);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var perRegion = await db.Votes.GroupBy(v => v.Region).Select(g => new { Region = g.Key, Votes = g.Count() }).ToDictionaryAsync(g => g.Region, g => g.Votes);
            Assert.Equal(["JP", "KR", "NA", "TW"], perRegion.Keys.Order());
            Assert.True(perRegion["KR"] >= 50 * perRegion["NA"], $"KR {perRegion["KR"]}, NA {perRegion["NA"]}");
        }
        Assert.Equal(0, await VoteDemoSeeder.SeedAsync(contexts, engine.Clock.GetUtcNow().UtcDateTime)); // seeds an empty table only

        foreach (var region in new RankingOptions().AllRegions)
            Assert.Equal(JobStatus.Completed, (await engine.RunAsync(VotePushJob.Name, JobParameters.Empty.With(VotePushJob.RegionParameter, region))).Status);
        Assert.Equal(JobStatus.Completed, (await engine.RunAsync(VoteAggregationJob.Name, JobParameters.Empty)).Status);

        var ranking = await VoteFiles.ReadResultAsync(Store, VoteFiles.ResultFile(VoteDemoSeeder.DemoEvent), CancellationToken.None);
        Assert.Equal(4.0, ranking.Sum(r => r.Score), 9); // each region contributes exactly 1
        Assert.NotEqual(ranking[0].ItemId, ranking.MaxBy(r => r.Votes)!.ItemId);
    }

    [Fact]
    public async Task Two_nodes_noticing_the_same_file_queue_one_aggregation()
    {
        var other = new VoteFileWatcher(Store, engine.Launcher, engine.Clock, engine.Services.GetRequiredService<IOptions<RankingOptions>>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<VoteFileWatcher>.Instance);
        await Watcher.CheckAsync();
        await other.CheckAsync();
        await PutTalliesAsync("votes/e1/KR-202601050900.csv", new ItemTally(1, 10, 10));

        var first = await Watcher.CheckAsync();
        var second = await other.CheckAsync();

        Assert.Single(first);
        Assert.Empty(second);
        await engine.WaitForAsync(first[0].Id, JobStatus.Completed, JobStatus.Failed);
    }

    private sealed class RecordingAlerts(ConcurrentQueue<Alert> sent) : IAlertSender
    {
        public Task SendAsync(Alert alert, CancellationToken cancellationToken = default)
        {
            sent.Enqueue(alert);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The ranking jobs on a local folder, the store of a single deployment.</summary>
public sealed class RankingJobsTests : RankingJobsContract
{
    protected override IFileStore CreateStore(TempDirectory folder) => new LocalFileStore(folder.File("store"));
}

/// <summary>The ranking jobs on s3rver: each test's files under a prefix of their own in the shared bucket.</summary>
public sealed class RankingJobsOnS3Tests(S3rverFixture s3) : RankingJobsContract, IClassFixture<S3rverFixture>
{
    protected override IFileStore CreateStore(TempDirectory folder) => new S3FileStore(s3.StorageOptions(prefix: $"rankings-{Guid.NewGuid():N}/"));
}
