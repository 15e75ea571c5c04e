using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Jobs.Repository;

/// <summary>
/// The one persistence seam of the engine: instances, executions, step executions, checkpoints and skipped
/// items. It stores; it does not decide. Which status moves are legal is <see cref="JobStatusTransitions"/>'s
/// business, and every conditional update here only applies when the row is still in the expected state,
/// which is what makes claims and leases safe between processes.
/// </summary>
public sealed partial class JobRepository : IDisposable
{
    private readonly string connectionString;
    private readonly TimeProvider time;
    private readonly DbContextOptions<JobRepositoryDbContext> options;
    // An in-memory database lives as long as one connection to it stays open.
    private readonly SqliteConnection? keepAlive;

    /// <summary>A repository on a SQLite database (usually the product's own file).</summary>
    public JobRepository(string connectionString, TimeProvider time) : this(connectionString, time, keepAlive: null) { }

    private JobRepository(string connectionString, TimeProvider time, SqliteConnection? keepAlive)
    {
        this.connectionString = connectionString;
        this.time = time;
        this.keepAlive = keepAlive;
        options = JobRepositoryDbContext.OptionsFor(connectionString);
    }

    /// <summary>For jobs that need no history: everything is gone when the process ends.</summary>
    public static JobRepository InMemory(TimeProvider time)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"jobs-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            DefaultTimeout = 30,
        }.ToString();
        var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        var repository = new JobRepository(connectionString, time, keepAlive);
        using var db = repository.CreateContext();
        db.Database.EnsureCreated();
        return repository;
    }

    /// <summary>
    /// Brings the job tables up to date (write-ahead log on, then this context's own migrations); refuses job tables
    /// made by another version with an <see cref="IncompatibleDatabaseException"/>.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (keepAlive is not null) return;
        SqliteDatabase.EnableWriteAheadLog(connectionString);
        await using var db = CreateContext();
        await db.Database.MigrateOrRefuseAsync(cancellationToken);
    }

    public JobRepositoryDbContext CreateContext() => new(options);

    private static JobRepositoryDbContext CreateContext(DbConnection connection) =>
        new(new DbContextOptionsBuilder<JobRepositoryDbContext>().UseSqlite(connection).Options);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // ---- launching ----

    /// <summary>Stores a new Queued execution in its own transaction.</summary>
    public async Task<JobExecution> EnqueueAsync(JobLaunch launch, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var execution = await EnqueueAsync(db, launch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return execution;
    }

    /// <summary>Stores a new Queued execution in the caller's open transaction on the same database file.</summary>
    public async Task<JobExecution> EnqueueAsync(JobLaunch launch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has no connection.", nameof(transaction));
        await using var db = CreateContext(connection);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return await EnqueueAsync(db, launch, cancellationToken);
    }

    private async Task<JobExecution> EnqueueAsync(JobRepositoryDbContext db, JobLaunch launch, CancellationToken cancellationToken)
    {
        var parameters = launch.Parameters;
        if (launch.Incrementer is { } incrementer)
        {
            var previous = await db.JobExecutions.Where(e => e.JobName == launch.JobName)
                .OrderByDescending(e => e.Id).Select(e => e.Parameters).FirstOrDefaultAsync(cancellationToken);
            parameters = incrementer.GetNext(previous, parameters);
        }
        var key = parameters.IdentityKey();
        var now = Now;
        var instance = await db.JobInstances.SingleOrDefaultAsync(i => i.JobName == launch.JobName && i.InstanceKey == key, cancellationToken);
        if (instance is null)
        {
            instance = new JobInstance { JobName = launch.JobName, InstanceKey = key, CreatedAt = now };
            db.JobInstances.Add(instance);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (await db.JobExecutions.AsNoTracking().Where(e => e.JobInstanceId == instance.Id)
                     .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken) is { } last)
        {
            JobInstanceConflictException.ThrowIfRelaunchRefused(last, launch.AllowRerunWhenCompleted);
        }

        var execution = new JobExecution
        {
            JobInstanceId = instance.Id,
            JobName = launch.JobName,
            Status = JobStatus.Queued,
            Parameters = parameters,
            CreatedAt = now,
            LastUpdatedAt = now,
            RequestedBy = launch.RequestedBy,
            Tenant = launch.Tenant,
        };
        db.JobExecutions.Add(execution);
        await db.SaveChangesAsync(cancellationToken);
        return execution;
    }

    // ---- status, claims and leases ----

    /// <summary>The oldest Queued execution of the given jobs, if any (claiming it is a separate conditional update).</summary>
    internal async Task<long?> FindOldestQueuedAsync(IReadOnlyCollection<string> jobNames, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return await db.JobExecutions.Where(e => e.Status == JobStatus.Queued && jobNames.Contains(e.JobName))
            .OrderBy(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Moves an execution from <paramref name="from"/> to <paramref name="to"/> if, and only if, it is still in
    /// <paramref name="from"/> (and still held by the expected owner). Returns false when someone got there first.
    /// </summary>
    internal async Task<bool> TryTransitionAsync(long executionId, JobStatus from, JobStatus to, StatusChange change, CancellationToken cancellationToken)
    {
        JobStatusTransitions.Ensure(from, to);
        var now = Now;
        var claiming = to == JobStatus.Running;
        var requeueing = to == JobStatus.Queued;
        var ending = to is JobStatus.Completed or JobStatus.Failed or JobStatus.Stopped or JobStatus.Cancelled or JobStatus.Abandoned;
        var keepsLease = to == JobStatus.Stopping;
        var expectedOwner = change.ExpectedOwner;
        var onlyIfLeaseExpired = change.OnlyIfLeaseExpired;
        var leaseExpiry = claiming ? now + change.Lease : (DateTime?)null;
        await using var db = CreateContext();
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
        return rows == 1;
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
        var json = execution.ExecutionContext.ToJson();
        await using var db = CreateContext();
        // Raw column write: the converter maps the context to this JSON text.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE JobExecutions SET ExecutionContext = {json} WHERE Id = {execution.Id}", cancellationToken);
    }

    // ---- steps and chunks ----

    public async Task<IReadOnlyList<StepExecution>> GetStepExecutionsAsync(long jobExecutionId, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.StepExecutions.AsNoTracking().Where(s => s.JobExecutionId == jobExecutionId)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Stores new step executions together (all partitions of a step exist before any of them runs).</summary>
    internal async Task AddStepExecutionsAsync(IReadOnlyList<StepExecution> steps, CancellationToken cancellationToken)
    {
        var now = Now;
        foreach (var step in steps) step.LastUpdatedAt = now;
        await using var db = CreateContext();
        db.StepExecutions.AddRange(steps);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Saves a step's status, times and counts. The checkpoint is only written with <paramref name="withCheckpoint"/>:
    /// after a failure the in-memory context may be ahead of what was committed, and must not be saved.
    /// </summary>
    internal async Task UpdateStepAsync(StepExecution step, bool withCheckpoint, CancellationToken cancellationToken)
    {
        step.LastUpdatedAt = Now;
        await using var db = CreateContext();
        var entry = db.StepExecutions.Update(step);
        entry.Property(s => s.ExecutionContext).IsModified = withCheckpoint;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Opens the transaction of one chunk (SQLite: BEGIN IMMEDIATE, so concurrent chunks queue for the write lock).</summary>
    internal async Task<ChunkScope> BeginChunkAsync(CancellationToken cancellationToken)
    {
        var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        try
        {
            // In WAL mode NORMAL still never corrupts; a power cut may only lose the latest chunks, which a restart
            // redoes from the previous checkpoint. FULL would fsync every chunk, a cost paid hundreds of times per job.
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=NORMAL";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new ChunkScope(connection, transaction, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One chunk's transaction: the writer writes in it, then the checkpoint commits with it.</summary>
    internal sealed class ChunkScope(DbConnection connection, DbTransaction transaction, TimeProvider time) : IAsyncDisposable
    {
        public Steps.ChunkTransaction Transaction { get; } = new(connection, transaction);

        /// <summary>
        /// Saves the step (counts and checkpoint), its skipped items and the job's progress, then commits. The
        /// progress update doubles as a fence: if another process has taken the execution over, nothing commits.
        /// </summary>
        public async Task CommitAsync(StepExecution step, IReadOnlyList<SkippedItem> skipped, long progress, string owner, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using (var db = CreateContext(connection))
            {
                await db.Database.UseTransactionAsync(transaction, cancellationToken);
                step.LastUpdatedAt = now;
                db.StepExecutions.Update(step);
                foreach (var item in skipped) item.StepExecutionId = step.Id;
                db.SkippedItems.AddRange(skipped);
                await db.SaveChangesAsync(cancellationToken);
                var held = await db.JobExecutions.Where(e => e.Id == step.JobExecutionId && e.LeaseOwner == owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProgressCurrent, e => e.ProgressCurrent + progress)
                        .SetProperty(e => e.LastUpdatedAt, now), cancellationToken);
                if (held == 0) throw new JobLeaseLostException(step.JobExecutionId);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    // ---- queries ----

    public async Task<JobExecution?> GetExecutionAsync(long executionId, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.JobExecutions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == executionId, cancellationToken);
    }

    public async Task<JobExecutionPage> QueryExecutionsAsync(JobExecutionQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        var executions = db.JobExecutions.AsNoTracking();
        if (query.JobName is { } name) executions = executions.Where(e => e.JobName == name);
        if (query.Tenant is { } tenant) executions = executions.Where(e => e.Tenant == tenant);
        if (query.RequestedBy is { } requestedBy) executions = executions.Where(e => e.RequestedBy == requestedBy);
        if (query.Statuses is { Count: > 0 } statuses) executions = executions.Where(e => statuses.Contains(e.Status));
        if (query.EndedSince is { } since) executions = executions.Where(e => e.EndedAt >= since);
        if (query.CreatedFrom is { } from) executions = executions.Where(e => e.CreatedAt >= from);
        if (query.CreatedBefore is { } before) executions = executions.Where(e => e.CreatedAt < before);
        if (query.MinRunCount is { } runs) executions = executions.Where(e => e.RunCount >= runs);
        var total = await executions.CountAsync(cancellationToken);
        var items = await Ordered(executions, query).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return new JobExecutionPage(items, total);
    }

    /// <summary>In the query's order, then newest first among equals, so that pages never overlap.</summary>
    private static IQueryable<JobExecution> Ordered(IQueryable<JobExecution> executions, JobExecutionQuery query)
    {
        var ordered = query.Sort switch
        {
            JobExecutionSort.JobName => Order(executions, e => e.JobName, query.Descending),
            JobExecutionSort.Status => Order(executions, e => e.Status, query.Descending),
            JobExecutionSort.RequestedBy => Order(executions, e => e.RequestedBy, query.Descending),
            JobExecutionSort.Started => Order(executions, e => e.StartedAt, query.Descending),
            _ => Order(executions, e => e.Id, query.Descending),
        };
        return ordered.ThenByDescending(e => e.Id);
    }

    private static IOrderedQueryable<JobExecution> Order<TKey>(IQueryable<JobExecution> executions,
        System.Linq.Expressions.Expression<Func<JobExecution, TKey>> key, bool descending) =>
        descending ? executions.OrderByDescending(key) : executions.OrderBy(key);

    /// <summary>Adds a line to an execution's run log and lets go of its oldest lines beyond <paramref name="keep"/>.</summary>
    public async Task AppendLogAsync(JobLogEntry entry, int keep, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        if (entry.Message.Length > 4000) entry.Message = entry.Message[..3999] + "…";
        db.JobLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        var id = entry.JobExecutionId;
        var oldestKept = db.JobLog.Where(l => l.JobExecutionId == id).OrderByDescending(l => l.Id).Skip(keep - 1).Select(l => l.Id).FirstOrDefault();
        await db.JobLog.Where(l => l.JobExecutionId == id && l.Id < oldestKept).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>An execution's run log, oldest line first.</summary>
    public async Task<IReadOnlyList<JobLogEntry>> GetLogAsync(long executionId, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.JobLog.AsNoTracking().Where(l => l.JobExecutionId == executionId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
    }

    /// <summary>How many executions are in each status (statuses with none are left out).</summary>
    public async Task<IReadOnlyDictionary<JobStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.JobExecutions.GroupBy(e => e.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
    }

    public async Task<IReadOnlyList<SkippedItem>> GetSkippedItemsAsync(long stepExecutionId, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.SkippedItems.AsNoTracking().Where(s => s.StepExecutionId == stepExecutionId)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    public void Dispose() => keepAlive?.Dispose();
}

/// <summary>What a launch stores: the job, its parameters, who asked and for whom.</summary>
public sealed record JobLaunch(string JobName, JobParameters Parameters, string? RequestedBy, string? Tenant)
{
    public IJobParametersIncrementer? Incrementer { get; init; }
    public bool AllowRerunWhenCompleted { get; init; }
}

/// <summary>The details that go with a status change.</summary>
internal sealed record StatusChange
{
    /// <summary>Only apply when the lease is still this owner's (null: whoever holds it).</summary>
    public string? ExpectedOwner { get; init; }
    /// <summary>Only apply when the lease has expired: a slow owner that renewed in time keeps its execution.</summary>
    public bool OnlyIfLeaseExpired { get; init; }
    public string? NewOwner { get; init; }
    public TimeSpan Lease { get; init; }
    public bool Cancel { get; init; }
    public string? Error { get; init; }
    public string? ExitDescription { get; init; }
    /// <summary>The run making this ending has told its after-job listeners already (see <c>JobStateMachine</c>).</summary>
    public bool ListenersNotified { get; init; }
}

public sealed record JobExecutionQuery
{
    public string? JobName { get; init; }
    public string? Tenant { get; init; }
    public string? RequestedBy { get; init; }
    public IReadOnlyCollection<JobStatus>? Statuses { get; init; }
    /// <summary>Only executions that ended at or after this UTC time (e.g. the last day's failures).</summary>
    public DateTime? EndedSince { get; init; }
    /// <summary>Only executions requested at or after this UTC time.</summary>
    public DateTime? CreatedFrom { get; init; }
    /// <summary>Only executions requested before this UTC time.</summary>
    public DateTime? CreatedBefore { get; init; }
    /// <summary>Only executions that ran at least this often (2: "ran more than once", a restart or a takeover).</summary>
    public int? MinRunCount { get; init; }
    public JobExecutionSort Sort { get; init; } = JobExecutionSort.Created;
    public bool Descending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 50;
}

/// <summary>What a list of executions is ordered by; the order they were requested in unless asked otherwise.</summary>
public enum JobExecutionSort
{
    Created,
    JobName,
    Status,
    RequestedBy,
    Started,
}

public sealed record JobExecutionPage(IReadOnlyList<JobExecution> Items, int TotalCount);

/// <summary>The execution is no longer this process's: another one took it over after the lease expired.</summary>
public sealed class JobLeaseLostException(long executionId)
    : InvalidOperationException($"Job execution {executionId} is no longer held by this process.");

/// <summary>A launch refused because the job instance already has an execution that forbids another.</summary>
public sealed class JobInstanceConflictException(string message, long existingExecutionId, JobStatus existingStatus)
    : InvalidOperationException(message)
{
    public long ExistingExecutionId { get; } = existingExecutionId;
    public JobStatus ExistingStatus { get; } = existingStatus;

    internal static void ThrowIfRelaunchRefused(JobExecution last, bool allowRerunWhenCompleted)
    {
        if (last.Status.IsActive())
            throw new JobInstanceConflictException($"Job '{last.JobName}' with these parameters is already {last.Status} (execution {last.Id}).", last.Id, last.Status);
        if (last.Status.IsRestartable())
            throw new JobInstanceConflictException($"Job '{last.JobName}' with these parameters {last.Status}; restart execution {last.Id} instead.", last.Id, last.Status);
        if (last.Status == JobStatus.Completed && !allowRerunWhenCompleted)
            throw new JobInstanceConflictException($"Job '{last.JobName}' with these parameters already completed (execution {last.Id}).", last.Id, last.Status);
    }
}
