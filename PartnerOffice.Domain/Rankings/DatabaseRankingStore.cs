using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;

namespace PartnerOffice.Rankings;

/// <summary>Rankings in the business database, one row per item; a replacement is one transaction.</summary>
public sealed class DatabaseRankingStore(IDbContextFactory<PartnerOfficeDbContext> contexts, TimeProvider time) : IRankingStore
{
    public async Task ReplaceAsync(string eventId, string scope, IReadOnlyList<RankedItem> ranking, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RankingEntries.Where(e => e.EventId == eventId && e.Scope == scope).ExecuteDeleteAsync(cancellationToken);
        var loadedAt = time.GetUtcNow().UtcDateTime;
        db.RankingEntries.AddRange(ranking.Select(r => new RankingEntry
        {
            EventId = eventId, Scope = scope, ItemId = r.ItemId, Rank = r.Rank, Score = r.Score, Votes = r.Votes, LoadedAt = loadedAt,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RankedItem>?> GetAsync(string eventId, string scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.RankingEntries.AsNoTracking().Where(e => e.EventId == eventId && e.Scope == scope)
            .OrderBy(e => e.Rank).Select(e => new RankedItem(e.Rank, e.ItemId, e.Score, e.Votes)).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows;
    }

    public async Task<IReadOnlyList<string>> ListEventsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.RankingEntries.Where(e => e.Scope == RankingScope.Global).Select(e => e.EventId).Distinct().ToListAsync(cancellationToken);
        return events.Order(StringComparer.Ordinal).ToList();
    }
}
