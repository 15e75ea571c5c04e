using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Alerts;
using PartnerOffice.Data;

namespace PartnerOffice.Ingest;

/// <summary>One page of follow-ups, newest first, and how many match in all.</summary>
public sealed record FollowUpPage(IReadOnlyList<InvoiceFollowUp> Items, int Total);

/// <summary>How many follow-ups are in each status.</summary>
public sealed record FollowUpCounts(int Pending, int Retrying, int Done, int Failed);

/// <summary>
/// The stored invoice follow-ups and every move of one: claimed under a lease (a conditional update, so of several
/// workers and processes exactly one gets it), then done, retried with backoff, or failed once the retry window after
/// its first failure is over. Each outcome only applies while the worker still holds the lease.
/// </summary>
public sealed class InvoiceFollowUps(IDbContextFactory<PartnerOfficeDbContext> databases, TimeProvider time, IOptions<IngestOptions> options,
    IAlertSender alerts, ILogger<InvoiceFollowUps> logger)
{
    private static readonly Expression<Func<InvoiceFollowUp, bool>> IsOpen = f => f.Status == FollowUpStatus.Pending || f.Status == FollowUpStatus.Retrying;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Claims up to <paramref name="max"/> due follow-ups no live worker holds (a dead one's lease has expired), oldest due first.</summary>
    public async Task<IReadOnlyList<InvoiceFollowUp>> ClaimDueAsync(string owner, int max, CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var leaseEnd = now + options.Value.FollowUpLease;
        var candidates = await Due(db.InvoiceFollowUps, now).OrderBy(f => f.NextAttemptAt).ThenBy(f => f.Id).Select(f => f.Id)
            .Take(max * 2).ToListAsync(cancellationToken);
        var claimed = new List<long>();
        foreach (var id in candidates)
        {
            if (claimed.Count == max) break;
            // Another worker may have claimed it since it was read: only one update matches.
            if (await Due(db.InvoiceFollowUps.Where(f => f.Id == id), now)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.LeaseOwner, owner).SetProperty(f => f.LeaseExpiresAt, leaseEnd), cancellationToken) == 1)
                claimed.Add(id);
        }
        return await db.InvoiceFollowUps.AsNoTracking().Include(f => f.Order).Where(f => claimed.Contains(f.Id)).OrderBy(f => f.NextAttemptAt)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<InvoiceFollowUp> Due(IQueryable<InvoiceFollowUp> followUps, DateTime now) =>
        followUps.Where(IsOpen).Where(f => f.NextAttemptAt <= now && (f.LeaseExpiresAt == null || f.LeaseExpiresAt <= now));

    /// <summary>When the earliest follow-up that is not due yet, or held by a worker, may be claimed; null when none is open.</summary>
    public async Task<DateTime?> NextClaimableAtAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var open = db.InvoiceFollowUps.Where(IsOpen);
        var due = await open.Where(f => f.LeaseExpiresAt == null).MinAsync(f => (DateTime?)f.NextAttemptAt, cancellationToken);
        var leased = await open.Where(f => f.LeaseExpiresAt != null).MinAsync(f => f.LeaseExpiresAt, cancellationToken);
        return due is null ? leased : leased is null ? due : due < leased ? due : leased;
    }

    public async Task<bool> CompleteAsync(InvoiceFollowUp claimed, string owner, string invoiceNumber, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Now;
        return await Held(db, claimed, owner).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Status, FollowUpStatus.Done)
            .SetProperty(f => f.Attempts, f => f.Attempts + 1)
            .SetProperty(f => f.CompletedAt, now)
            .SetProperty(f => f.InvoiceNumber, invoiceNumber)
            .SetProperty(f => f.LastError, (string?)null)
            .SetProperty(f => f.LeaseOwner, (string?)null)
            .SetProperty(f => f.LeaseExpiresAt, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>
    /// A failed call: retried after a doubling delay, but never later than the end of the retry window that its first
    /// failure opened; a failure at or past that end fails it for good and alerts the operators.
    /// </summary>
    /// <returns>The new status, or null when the worker had lost the lease (another one owns the follow-up now).</returns>
    public async Task<FollowUpStatus?> RecordFailureAsync(InvoiceFollowUp claimed, string owner, string error, CancellationToken cancellationToken)
    {
        var now = Now;
        var attempts = claimed.Attempts + 1;
        var firstFailedAt = claimed.FirstFailedAt ?? now;
        var deadline = firstFailedAt + options.Value.RetryWindow;
        var failed = now >= deadline;
        var next = failed ? claimed.NextAttemptAt : Min(now + options.Value.RetryDelayAfter(attempts), deadline);
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var updated = await Held(db, claimed, owner).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, failed ? FollowUpStatus.Failed : FollowUpStatus.Retrying)
                .SetProperty(f => f.Attempts, attempts)
                .SetProperty(f => f.FirstFailedAt, firstFailedAt)
                .SetProperty(f => f.NextAttemptAt, next)
                .SetProperty(f => f.LastError, error)
                .SetProperty(f => f.LeaseOwner, (string?)null)
                .SetProperty(f => f.LeaseExpiresAt, (DateTime?)null), cancellationToken);
            if (updated == 0) return null;
        }
        if (!failed)
        {
            logger.LogWarning("Invoice follow-up {FollowUpId} (order {OrderId}) failed attempt {Attempts}, retried at {NextAttemptAt:O}: {Error}",
                claimed.Id, claimed.Order.ExternalId, attempts, next, error);
            return FollowUpStatus.Retrying;
        }
        logger.LogError("Invoice follow-up {FollowUpId} (order {OrderId}) failed for good after {Attempts} attempts: {Error}",
            claimed.Id, claimed.Order.ExternalId, attempts, error);
        await alerts.SendAsync(new Alert(
            $"Invoice follow-up for order {claimed.Order.ExternalId} failed (follow-up {claimed.Id})",
            $"The invoice service kept failing for {options.Value.RetryWindow.TotalMinutes:0} minutes after the first failure ({attempts} attempts). Last error: {error}",
            new Uri("/ingest", UriKind.Relative)), cancellationToken);
        return FollowUpStatus.Failed;
    }

    /// <summary>Gives a claimed follow-up back untried (the process is stopping), so the next worker need not wait for the lease.</summary>
    public async Task ReleaseAsync(InvoiceFollowUp claimed, string owner, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await Held(db, claimed, owner).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.LeaseOwner, (string?)null)
            .SetProperty(f => f.LeaseExpiresAt, (DateTime?)null), cancellationToken);
    }

    private static IQueryable<InvoiceFollowUp> Held(PartnerOfficeDbContext db, InvoiceFollowUp claimed, string owner) =>
        db.InvoiceFollowUps.Where(f => f.Id == claimed.Id && f.LeaseOwner == owner).Where(IsOpen);

    /// <summary>An operator's retry of a failed follow-up: pending again now, with a new retry window. False when it was not Failed.</summary>
    public async Task<bool> RetryAsync(long followUpId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Now;
        return await db.InvoiceFollowUps.Where(f => f.Id == followUpId && f.Status == FollowUpStatus.Failed).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Status, FollowUpStatus.Pending)
            .SetProperty(f => f.FirstFailedAt, (DateTime?)null)
            .SetProperty(f => f.NextAttemptAt, now), cancellationToken) == 1;
    }

    /// <summary>A status's follow-ups with their orders, the most recently created first.</summary>
    public async Task<IReadOnlyList<InvoiceFollowUp>> ListAsync(FollowUpStatus status, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.InvoiceFollowUps.AsNoTracking().Include(f => f.Order).Where(f => f.Status == status)
            .OrderByDescending(f => f.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Follow-ups of a status (every status when null) with their orders, the most recently created first, a page at a time.</summary>
    public async Task<FollowUpPage> PageAsync(FollowUpStatus? status, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var matching = status is { } only ? db.InvoiceFollowUps.Where(f => f.Status == only) : db.InvoiceFollowUps;
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching.AsNoTracking().Include(f => f.Order).OrderByDescending(f => f.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new FollowUpPage(items, total);
    }

    /// <summary>One follow-up with its order; null when there is none of that id.</summary>
    public async Task<InvoiceFollowUp?> FindAsync(long followUpId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.InvoiceFollowUps.AsNoTracking().Include(f => f.Order).SingleOrDefaultAsync(f => f.Id == followUpId, cancellationToken);
    }

    public async Task<FollowUpCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var counts = await db.InvoiceFollowUps.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken);
        return new FollowUpCounts(counts.GetValueOrDefault(FollowUpStatus.Pending), counts.GetValueOrDefault(FollowUpStatus.Retrying),
            counts.GetValueOrDefault(FollowUpStatus.Done), counts.GetValueOrDefault(FollowUpStatus.Failed));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
