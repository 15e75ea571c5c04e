using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace PartnerOffice.Jobs.Steps;

/// <summary>
/// Reads an EF Core query page by page in key order (<c>WHERE key &gt; last ORDER BY key LIMIT n</c>), so memory
/// holds one page however large the set; each page uses a fresh context. Its checkpoint is the key of the last
/// item handed out. The key type needs a <c>&gt;</c> the provider translates (integers, dates).
/// </summary>
public sealed class KeysetPagingReader<TContext, T, TKey>(
    IDbContextFactory<TContext> contexts,
    Func<TContext, IQueryable<T>> query,
    Expression<Func<T, TKey>> key,
    int pageSize,
    string name = "keyset") : IItemReader<T>, IItemStream
    where TContext : DbContext
    where T : class
    where TKey : struct
{
    private readonly Func<T, TKey> keyOf = key.Compile();
    private readonly Queue<T> page = new();
    private TKey? lastKey;
    private bool exhausted;

    private string CheckpointKey => $"{name}.lastKey";

    public async Task<T?> ReadAsync(CancellationToken cancellationToken)
    {
        if (page.Count == 0 && !exhausted) await LoadPageAsync(cancellationToken);
        if (!page.TryDequeue(out var item)) return null;
        lastKey = keyOf(item);
        return item;
    }

    private async Task LoadPageAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = query(db).AsNoTracking();
        if (lastKey is { } after)
        {
            var greater = Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(key.Body, Expression.Constant(after)), key.Parameters);
            items = items.Where(greater);
        }
        var loaded = await items.OrderBy(key).Take(pageSize).ToListAsync(cancellationToken);
        exhausted = loaded.Count < pageSize;
        foreach (var item in loaded) page.Enqueue(item);
    }

    public Task OpenAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        lastKey = context.Contains(CheckpointKey) ? context.Get<TKey>(CheckpointKey) : null;
        return Task.CompletedTask;
    }

    public Task UpdateAsync(ExecutionContext context, CancellationToken cancellationToken)
    {
        if (lastKey is { } value) context.Put(CheckpointKey, value);
        return Task.CompletedTask;
    }

    public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
