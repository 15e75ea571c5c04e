using Microsoft.EntityFrameworkCore;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.PostgreSql;

namespace PartnerOffice.Jobs.Repository;

/// <summary>Status moves, claims and leases: each a conditional update that only applies while the row is as expected.</summary>
public sealed partial class JobRepository
{
    /// <summary>
    /// Claims the oldest Queued execution of the given jobs for <see cref="StatusChange.NewOwner"/>: in one statement
    /// on PostgreSQL, elsewhere by finding it and moving it with the conditional update, the next one when another
    /// worker won the race. Null when none is queued.
    /// </summary>
    internal async Task<JobExecution?> ClaimOldestQueuedAsync(IReadOnlyCollection<string> jobNames, StatusChange change, CancellationToken cancellationToken)
    {
        JobStatusTransitions.Ensure(JobStatus.Queued, JobStatus.Running);
        if (database.Provider == DatabaseProvider.PostgreSql)
            return await PostgreSqlCommands.SingleExecutionAsync(database, ClaimOnPostgreSql(jobNames, change), cancellationToken);
        while (await FindOldestQueuedAsync(jobNames, cancellationToken) is { } candidate)
            if (await TryTransitionAsync(candidate, JobStatus.Queued, JobStatus.Running, change, cancellationToken) is { } claimed)
                return claimed;
        return null;
    }

    /// <summary>Whether <see cref="TryEndThenClaimAsync"/> saves a round trip here; elsewhere a worker claims after the ending as usual.</summary>
    internal bool EndsAndClaimsAtOnce => database.Provider == DatabaseProvider.PostgreSql;

    /// <summary>
    /// A run's ending (see <see cref="TryTransitionAsync"/>) and its worker's next claim (see <see cref="ClaimOldestQueuedAsync"/>):
    /// on PostgreSQL one round trip and one transaction, so a busy worker pays one statement's wait per execution, not two.
    /// The claim is made whether or not the ending applied.
    /// </summary>
    internal async Task<(JobExecution? Ended, JobExecution? Claimed)> TryEndThenClaimAsync(long executionId, JobStatus from, JobStatus to,
        StatusChange ending, IReadOnlyCollection<string> jobNames, StatusChange claim, CancellationToken cancellationToken)
    {
        JobStatusTransitions.Ensure(from, to);
        var effects = TransitionEffects.Of(to, ending, Now);
        if (!effects.Ending) throw new ArgumentException($"{to} does not end an execution.", nameof(to));
        if (database.Provider != DatabaseProvider.PostgreSql)
            return (await TryTransitionAsync(executionId, from, to, ending, cancellationToken), await ClaimOldestQueuedAsync(jobNames, claim, cancellationToken));
        JobStatusTransitions.Ensure(JobStatus.Queued, JobStatus.Running);
        var both = await PostgreSqlCommands.ExecutionsAsync(database,
            [PostgreSqlTransitions.TryMove(executionId, from, effects, ending), ClaimOnPostgreSql(jobNames, claim)], cancellationToken);
        return (both[0], both[1]);
    }

    private FormattableString ClaimOnPostgreSql(IReadOnlyCollection<string> jobNames, StatusChange change)
    {
        var now = Now;
        return PostgreSqlClaims.ClaimOldestQueued([.. jobNames], change.NewOwner!, now, now + change.Lease);
    }

    private async Task<long?> FindOldestQueuedAsync(IReadOnlyCollection<string> jobNames, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return await db.JobExecutions.Where(e => e.Status == JobStatus.Queued && jobNames.Contains(e.JobName))
            .OrderBy(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Moves an execution from <paramref name="from"/> to <paramref name="to"/> if, and only if, it is still in
    /// <paramref name="from"/> (and still held by the expected owner), with the change's run-log lines; returns it as
    /// moved, or null when someone got there first (and then nothing was written).
    /// </summary>
    internal async Task<JobExecution?> TryTransitionAsync(long executionId, JobStatus from, JobStatus to, StatusChange change, CancellationToken cancellationToken)
    {
        JobStatusTransitions.Ensure(from, to);
        var effects = TransitionEffects.Of(to, change, Now);
        // A requeue also tells the other nodes, which the one-statement move leaves to the general way.
        if (database.Provider == DatabaseProvider.PostgreSql && !effects.Requeueing)
            return await PostgreSqlCommands.SingleExecutionAsync(database, PostgreSqlTransitions.TryMove(executionId, from, effects, change), cancellationToken);

        await using var db = CreateContext();
        var (now, expectedOwner, onlyIfLeaseExpired) = (effects.Now, change.ExpectedOwner, change.OnlyIfLeaseExpired);
        var (claiming, requeueing, ending, keepsLease, leaseExpiry) = (effects.Claiming, effects.Requeueing, effects.Ending, effects.KeepsLease, effects.LeaseExpiry);
        // The move's run-log lines and step end commit with it, or none does.
        await using var transaction = change.LogLines.Count > 0 || change.StepUpdate is not null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var rows = await db.JobExecutions
            .Where(e => e.Id == executionId && e.Status == from && (expectedOwner == null || e.LeaseOwner == expectedOwner)
                        && (!onlyIfLeaseExpired || e.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, to)
                .SetProperty(e => e.LastUpdatedAt, now)
                .SetProperty(e => e.LeaseOwner, e => claiming ? change.NewOwner : keepsLease ? e.LeaseOwner : null)
                .SetProperty(e => e.LeaseExpiresAt, e => claiming ? leaseExpiry : keepsLease ? e.LeaseExpiresAt : null)
                .SetProperty(e => e.StartedAt, e => claiming ? e.StartedAt ?? now : e.StartedAt)
                .SetProperty(e => e.EndedAt, e => ending ? now : requeueing ? null : e.EndedAt)
                .SetProperty(e => e.RunCount, e => claiming ? e.RunCount + 1 : e.RunCount)
                .SetProperty(e => e.CancelRequested, e => !requeueing && (e.CancelRequested || change.Cancel))
                .SetProperty(e => e.Error, e => requeueing ? null : change.Error ?? e.Error)
                .SetProperty(e => e.ExitDescription, e => requeueing ? null : change.ExitDescription ?? e.ExitDescription),
                cancellationToken);
        if (rows != 1) return null;
        if (requeueing) await AnnounceQueuedAsync(db, cancellationToken);
        if (transaction is not null)
        {
            if (change.StepUpdate is { } step) SaveStep(db, step);
            AddLogLines(db, change.LogLines);
            await db.SaveChangesAsync(cancellationToken);
            await TrimLogAsync(db, executionId, change.KeepLogLines, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return await db.JobExecutions.AsNoTracking().SingleAsync(e => e.Id == executionId, cancellationToken);
    }

    /// <summary>Extends the lease of a running execution; null when the lease is no longer this owner's.</summary>
    internal async Task<JobExecution?> RenewLeaseAsync(long executionId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = CreateContext();
        var rows = await db.JobExecutions
            .Where(e => e.Id == executionId && e.LeaseOwner == owner && (e.Status == JobStatus.Running || e.Status == JobStatus.Stopping))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseExpiresAt, now + lease).SetProperty(e => e.LastUpdatedAt, now), cancellationToken);
        return rows == 1 ? await GetExecutionAsync(executionId, cancellationToken) : null;
    }

    /// <summary>Running or Stopping executions whose owner stopped renewing the lease (a process that died).</summary>
    internal async Task<IReadOnlyList<JobExecution>> FindExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = CreateContext();
        return await db.JobExecutions.AsNoTracking()
            .Where(e => (e.Status == JobStatus.Running || e.Status == JobStatus.Stopping) && e.LeaseExpiresAt < now)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    internal async Task SetProgressTotalAsync(long executionId, long total, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await db.JobExecutions.Where(e => e.Id == executionId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProgressTotal, total), cancellationToken);
    }

    internal async Task SaveJobContextAsync(JobExecution execution, CancellationToken cancellationToken)
    {
        var context = execution.ExecutionContext;
        await using var db = CreateContext();
        await db.JobExecutions.Where(e => e.Id == execution.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExecutionContext, context), cancellationToken);
    }
}

/// <summary>What a move to <see cref="To"/> does besides setting the status: decided here once for every way of writing it.</summary>
internal readonly record struct TransitionEffects(JobStatus To, DateTime Now, DateTime? LeaseExpiry)
{
    public static TransitionEffects Of(JobStatus to, StatusChange change, DateTime now) =>
        new(to, now, to == JobStatus.Running ? now + change.Lease : null);

    public bool Claiming => To == JobStatus.Running;
    public bool Requeueing => To == JobStatus.Queued;
    public bool Ending => To is JobStatus.Completed or JobStatus.Failed or JobStatus.Stopped or JobStatus.Cancelled or JobStatus.Abandoned;
    /// <summary>Stopping keeps the lease: the run goes on until its next chunk.</summary>
    public bool KeepsLease => To == JobStatus.Stopping;
}
