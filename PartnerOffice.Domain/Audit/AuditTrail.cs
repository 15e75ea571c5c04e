using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;

namespace PartnerOffice.Audit;

/// <summary>What the audit page and its export ask for; every filter is optional.</summary>
public sealed record AuditQuery
{
    public DateTime? From { get; init; }
    public DateTime? Before { get; init; }
    public IReadOnlyCollection<AuditAction>? Actions { get; init; }
    /// <summary>Part of the actor's e-mail, the target or the detail, case-insensitive.</summary>
    public string? Text { get; init; }
    public int? PartnerId { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize);

/// <summary>Records who did what, and answers searches over it, newest first.</summary>
public sealed class AuditTrail(IDbContextFactory<PartnerOfficeDbContext> dbFactory, IOptions<AuditOptions> options, TimeProvider clock)
{
    public const string RetentionJobName = "audit-retention";

    public async Task RecordAsync(AuditActor actor, AuditAction action, string? target = null, string? detail = null, int? partnerId = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = action,
            UserId = actor.UserId,
            Actor = Truncate(actor.Name, 256)!,
            PartnerId = partnerId,
            Target = Truncate(target, 200),
            Detail = Truncate(detail, 1000),
            SourceAddress = Truncate(actor.SourceAddress, 64),
        });
        // Not the caller's token: an action that happened is recorded even when the caller gives up waiting.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Filter(db, query);
        var total = await matching.CountAsync(cancellationToken);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var items = await matching.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new AuditPage(items, total, page, size);
    }

    /// <summary>Every matching entry, newest first, streamed: an export of two years of entries holds one at a time.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in Filter(db, query).OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return entry;
    }

    /// <summary>Deletes the entries older than the retention period; the retention job's one step.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<AuditEntry> Filter(PartnerOfficeDbContext db, AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.From is { } from) entries = entries.Where(e => e.At >= from);
        if (query.Before is { } before) entries = entries.Where(e => e.At < before);
        if (query.Actions is { Count: > 0 } actions) entries = entries.Where(e => actions.Contains(e.Action));
        if (query.PartnerId is { } partnerId) entries = entries.Where(e => e.PartnerId == partnerId);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLower();
            entries = entries.Where(e => e.Actor.ToLower().Contains(text) || (e.Target != null && e.Target.ToLower().Contains(text))
                || (e.Detail != null && e.Detail.ToLower().Contains(text)));
        }
        return entries;
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
