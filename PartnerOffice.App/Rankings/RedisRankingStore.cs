using System.Globalization;
using PartnerOffice.Rankings;
using StackExchange.Redis;

namespace PartnerOffice.App.Rankings;

/// <summary>
/// Rankings in Redis, as the regions of the source material serve them: per ranking a sorted set (item → score) and a
/// hash (item → raw votes), and a set of the events with a global ranking. A replacement is written under temporary
/// keys and renamed over the live ones in one MULTI, so readers never see half a ranking.
/// </summary>
public sealed class RedisRankingStore(IConnectionMultiplexer redis) : IRankingStore
{
    private const string EventsKey = "rankings:events";
    private static readonly TimeSpan StagingLifetime = TimeSpan.FromMinutes(10);

    private static string ScoresKey(string eventId, string scope) => $"rankings:{eventId}:{scope}";
    private static string VotesKey(string eventId, string scope) => $"rankings:{eventId}:{scope}:votes";

    public async Task ReplaceAsync(string eventId, string scope, IReadOnlyList<RankedItem> ranking, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var (scores, votes) = (ScoresKey(eventId, scope), VotesKey(eventId, scope));
        var staging = $":loading:{Guid.NewGuid():N}";
        if (ranking.Count > 0)
        {
            await db.SortedSetAddAsync(scores + staging, ranking.Select(r => new SortedSetEntry(Member(r.ItemId), r.Score)).ToArray());
            await db.HashSetAsync(votes + staging, ranking.Select(r => new HashEntry(Member(r.ItemId), r.Votes)).ToArray());
            // Staging keys of a process that dies before the swap expire by themselves.
            await db.KeyExpireAsync(scores + staging, StagingLifetime);
            await db.KeyExpireAsync(votes + staging, StagingLifetime);
        }
        var swap = db.CreateTransaction();
        foreach (var key in new[] { scores, votes })
        {
            if (ranking.Count == 0)
            {
                _ = swap.KeyDeleteAsync(key);
                continue;
            }
            _ = swap.KeyRenameAsync(key + staging, key);
            _ = swap.KeyPersistAsync(key); // a rename carries the staging key's expiry over
        }
        if (scope == RankingScope.Global) _ = ranking.Count > 0 ? swap.SetAddAsync(EventsKey, eventId) : swap.SetRemoveAsync(EventsKey, eventId);
        if (!await swap.ExecuteAsync()) throw new InvalidOperationException($"Redis refused to replace the ranking {scores}.");
    }

    public async Task<IReadOnlyList<RankedItem>?> GetAsync(string eventId, string scope, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var scores = await db.SortedSetRangeByRankWithScoresAsync(ScoresKey(eventId, scope), order: Order.Descending);
        if (scores.Length == 0) return null;
        var votes = (await db.HashGetAllAsync(VotesKey(eventId, scope))).ToDictionary(h => (string)h.Name!, h => (long)h.Value);
        // Redis breaks ties by member text; the ranking's own order breaks them by votes, then item.
        return RankedItem.Ranked(scores.Select(s => (long.Parse((string)s.Element!, CultureInfo.InvariantCulture), s.Score, votes.GetValueOrDefault((string)s.Element!))));
    }

    public async Task<IReadOnlyList<string>> ListEventsAsync(CancellationToken cancellationToken = default) =>
        (await redis.GetDatabase().SetMembersAsync(EventsKey)).Select(e => (string)e!).Order(StringComparer.Ordinal).ToList();

    private static RedisValue Member(long itemId) => itemId.ToString(CultureInfo.InvariantCulture);
}
