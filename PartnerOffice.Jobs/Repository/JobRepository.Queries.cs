using Microsoft.EntityFrameworkCore;

namespace PartnerOffice.Jobs.Repository;

/// <summary>Reading executions, their logs and counts for the operators' pages and API.</summary>
public sealed partial class JobRepository
{
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
    public Task AppendLogAsync(JobLogEntry entry, int keep, CancellationToken cancellationToken = default) =>
        AppendLogAsync([entry], keep, cancellationToken);

    /// <summary>Adds lines (all of one execution) to its run log, oldest first, and lets go of its oldest beyond <paramref name="keep"/>.</summary>
    internal async Task AppendLogAsync(IReadOnlyList<JobLogEntry> lines, int keep, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return;
        await using var db = CreateContext();
        AddLogLines(db, lines);
        await db.SaveChangesAsync(cancellationToken);
        await TrimLogAsync(db, lines[0].JobExecutionId, keep, cancellationToken);
    }

    /// <summary>Tracks run-log lines for the context's next save.</summary>
    private static void AddLogLines(JobRepositoryDbContext db, IReadOnlyList<JobLogEntry> lines)
    {
        foreach (var line in lines)
        {
            FitToColumns(line);
            db.JobLog.Add(line);
        }
    }

    /// <summary>Cuts a run-log line's message to a length every database's column takes.</summary>
    internal static void FitToColumns(JobLogEntry line)
    {
        if (line.Message.Length > 4000) line.Message = line.Message[..3999] + "…";
    }

    /// <summary>One statement: the lines older than the oldest kept one go (none while fewer are kept: the comparison is null).</summary>
    private static Task TrimLogAsync(JobRepositoryDbContext db, long executionId, int keep, CancellationToken cancellationToken) =>
        db.JobLog.Where(l => l.JobExecutionId == executionId
                && l.Id < db.JobLog.Where(k => k.JobExecutionId == executionId).OrderByDescending(k => k.Id).Skip(keep - 1).Select(k => (long?)k.Id).FirstOrDefault())
            .ExecuteDeleteAsync(cancellationToken);

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
    /// <summary>Run-log lines that commit with the move (a run's ending line with its ending), then the log is trimmed to <see cref="KeepLogLines"/>.</summary>
    public IReadOnlyList<JobLogEntry> LogLines { get; init; } = [];
    public int KeepLogLines { get; init; } = int.MaxValue;
    /// <summary>The job's last step's end, written with the move (and only if the move applies).</summary>
    public StepUpdate? StepUpdate { get; init; }
}

/// <summary>
/// A step execution's status, times and counts to save; a step not stored yet is stored with them. The checkpoint is only
/// written <see cref="WithCheckpoint"/>: after a failure the in-memory context may be ahead of what was committed.
/// </summary>
internal sealed record StepUpdate(StepExecution Step, bool WithCheckpoint);

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
