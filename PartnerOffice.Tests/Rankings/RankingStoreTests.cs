using Microsoft.EntityFrameworkCore;
using PartnerOffice.App.Rankings;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Rankings;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Rankings;

/// <summary>What every ranking store does; run against Redis and the database below.</summary>
public abstract class RankingStoreContract
{
    protected abstract IRankingStore Store { get; }

    /// <summary>Each test's own event, so tests sharing one server do not meet.</summary>
    private static string NewEvent() => "e-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_ranking_reads_back_in_rank_order_with_ties_broken_by_votes_then_item()
    {
        var eventId = NewEvent();
        var ranking = RankedItem.Ranked([(11, 0.5, 10), (3, 0.5, 10), (5, 0.5, 20), (1, 1.75, 99), (2, 0.125, 1)]);

        await Store.ReplaceAsync(eventId, RankingScope.Global, ranking);

        Assert.Equal(ranking, await Store.GetAsync(eventId, RankingScope.Global));
        Assert.Equal([1L, 5L, 3L, 11L, 2L], (await Store.GetAsync(eventId, RankingScope.Global))!.Select(r => r.ItemId));
    }

    [Fact]
    public async Task A_replacement_replaces_the_whole_ranking_and_scopes_stay_apart()
    {
        var eventId = NewEvent();
        await Store.ReplaceAsync(eventId, RankingScope.Global, RankedItem.Ranked([(1, 0.9, 9), (2, 0.8, 8), (3, 0.7, 7)]));
        await Store.ReplaceAsync(eventId, "KR", RankedItem.Ranked([(3, 1.0, 70)]));

        await Store.ReplaceAsync(eventId, RankingScope.Global, RankedItem.Ranked([(2, 0.95, 10), (4, 0.05, 1)]));

        Assert.Equal([(2L, 0.95, 10L), (4L, 0.05, 1L)], (await Store.GetAsync(eventId, RankingScope.Global))!.Select(r => (r.ItemId, r.Score, r.Votes)));
        Assert.Equal([3L], (await Store.GetAsync(eventId, "KR"))!.Select(r => r.ItemId));
        Assert.Null(await Store.GetAsync(eventId, "JP"));
        Assert.Null(await Store.GetAsync(NewEvent(), RankingScope.Global));
    }

    [Fact]
    public async Task Events_are_listed_once_they_have_a_global_ranking()
    {
        var (global, regionalOnly) = (NewEvent(), NewEvent());
        await Store.ReplaceAsync(global, RankingScope.Global, RankedItem.Ranked([(1, 1.0, 1)]));
        await Store.ReplaceAsync(regionalOnly, "JP", RankedItem.Ranked([(1, 1.0, 1)]));

        var events = await Store.ListEventsAsync();

        Assert.Contains(global, events);
        Assert.DoesNotContain(regionalOnly, events);
    }
}

/// <summary>The Redis store against a real redis-server.</summary>
public sealed class RedisRankingStoreTests(RedisServerFixture redis) : RankingStoreContract, IClassFixture<RedisServerFixture>
{
    protected override IRankingStore Store { get; } = new RedisRankingStore(redis.Connection);

    [Fact]
    public async Task Each_ranking_is_a_sorted_set_of_items_by_score()
    {
        await Store.ReplaceAsync("sorted-set", RankingScope.Global, RankedItem.Ranked([(7, 0.25, 3), (8, 0.75, 1)]));

        var entries = await redis.Connection.GetDatabase().SortedSetRangeByRankWithScoresAsync("rankings:sorted-set:global", order: StackExchange.Redis.Order.Descending);

        Assert.Equal([("8", 0.75), ("7", 0.25)], entries.Select(e => ((string)e.Element!, e.Score)));
        Assert.Null(await redis.Connection.GetDatabase().KeyTimeToLiveAsync("rankings:sorted-set:global")); // the staging expiry is gone
    }
}

/// <summary>The database store, used when no Redis is configured.</summary>
public sealed class DatabaseRankingStoreTests : RankingStoreContract, IDisposable
{
    private readonly TempDirectory folder = new();

    public DatabaseRankingStoreTests()
    {
        var options = new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(SqliteDatabase.ConnectionStringFor(folder.File("rankings.db"))).Options;
        using (var db = new PartnerOfficeDbContext(options)) db.Database.Migrate();
        Store = new DatabaseRankingStore(new Contexts(options), TimeProvider.System);
    }

    protected override IRankingStore Store { get; }

    public void Dispose() => folder.Dispose();

    private sealed class Contexts(DbContextOptions<PartnerOfficeDbContext> options) : IDbContextFactory<PartnerOfficeDbContext>
    {
        public PartnerOfficeDbContext CreateDbContext() => new(options);
    }
}
