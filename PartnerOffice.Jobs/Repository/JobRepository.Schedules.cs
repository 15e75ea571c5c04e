using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Jobs.PostgreSql;
using PartnerOffice.Jobs.Scheduling;

namespace PartnerOffice.Jobs.Repository;

/// <summary>Schedules: declared, edited by operators, and each occurrence fired once across processes.</summary>
public sealed partial class JobRepository
{
    public async Task<JobSchedule?> GetScheduleAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.JobSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
    }

    /// <summary>Unpaused schedules whose next fire time has come.</summary>
    internal async Task<IReadOnlyList<JobSchedule>> FindDueSchedulesAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return await db.JobSchedules.AsNoTracking().Where(s => !s.Paused && s.NextFireAt <= now)
            .OrderBy(s => s.NextFireAt).ToListAsync(cancellationToken);
    }

    /// <summary>The earliest next fire time of any unpaused schedule.</summary>
    internal async Task<DateTime?> FindNextFireTimeAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return await db.JobSchedules.Where(s => !s.Paused && s.NextFireAt != null).MinAsync(s => s.NextFireAt, cancellationToken);
    }

    /// <summary>
    /// Stores the declared schedules in one transaction (processes starting together take turns) and removes stored
    /// ones no longer declared; what is kept of a stored one is <see cref="JobScheduleDeclaration.ApplyTo"/>'s business.
    /// </summary>
    internal async Task SyncSchedulesAsync(IReadOnlyCollection<JobScheduleDeclaration> declared, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostgreSqlTransactionLocks.LockAsync(db.Database, PostgreSqlTransactionLocks.ScheduleSync, 0, cancellationToken);
        var stored = await db.JobSchedules.ToDictionaryAsync(s => s.Name, cancellationToken);
        foreach (var declaration in declared)
        {
            if (!stored.Remove(declaration.Name, out var schedule))
            {
                schedule = new JobSchedule { Name = declaration.Name, JobName = "", CronExpression = "", TimeZone = "" };
                db.JobSchedules.Add(schedule);
            }
            declaration.ApplyTo(schedule, now);
        }
        db.JobSchedules.RemoveRange(stored.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Gives a schedule a cron expression and zone of its own (<paramref name="edited"/>) or back the declared ones; the
    /// next fire is recomputed from now unless it is paused. False when there is no such schedule.
    /// </summary>
    internal async Task<bool> SetScheduleTimingAsync(string name, Func<JobSchedule, (string Cron, string TimeZone)> timing, bool edited,
        CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        if (await db.JobSchedules.SingleOrDefaultAsync(s => s.Name == name, cancellationToken) is not { } schedule) return false;
        (schedule.CronExpression, schedule.TimeZone) = timing(schedule);
        schedule.Edited = edited;
        schedule.NextFireAt = schedule.Paused ? null : schedule.NextFireAfter(Now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Pauses a schedule (no next fire); false when there is no such schedule.</summary>
    internal async Task<bool> PauseScheduleAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return await db.JobSchedules.Where(s => s.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Paused, true).SetProperty(x => x.NextFireAt, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>Resumes a paused schedule with the given next fire; false when it was not paused (or does not exist).</summary>
    internal async Task<bool> ResumeScheduleAsync(string name, DateTime? nextFireAt, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return await db.JobSchedules.Where(s => s.Name == name && s.Paused)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Paused, false).SetProperty(x => x.NextFireAt, nextFireAt), cancellationToken) == 1;
    }

    /// <summary>
    /// Fires one occurrence in one transaction: claims it (moves the next fire time on, only if it is still the one
    /// the scheduler saw: of two schedulers, one wins), checks the overlap, launches and records the launch. A
    /// launch that throws rolls the claim back with it.
    /// </summary>
    internal async Task<ScheduleFireResult> FireScheduleAsync(ScheduleFire fire, Func<DbTransaction, CancellationToken, Task<JobExecution>> launch,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var db = CreateContext(connection);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);

        var schedules = db.JobSchedules.Where(s => s.Id == fire.ScheduleId);
        if (fire.Due is { } due)
        {
            var claimed = await schedules.Where(s => !s.Paused && s.NextFireAt == due)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextFireAt, fire.Next), cancellationToken);
            if (claimed == 0) return new ScheduleFireResult(ScheduleFireOutcome.NotClaimed, null);
        }

        var outcome = ScheduleFireOutcome.Fired;
        JobExecution? execution = null;
        if (!fire.Launch) outcome = ScheduleFireOutcome.SkippedMisfire;
        else if (fire.SkipWhileActive && await LastExecutionStatusAsync(db, fire.ScheduleId, cancellationToken) is { } last && last.IsActive())
            outcome = ScheduleFireOutcome.SkippedOverlap;
        else
        {
            execution = await launch(transaction, cancellationToken);
            var firedAt = Now;
            await schedules.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastFireAt, firedAt).SetProperty(x => x.LastExecutionId, execution.Id),
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ScheduleFireResult(outcome, execution);
    }

    /// <summary>Each schedule with the status of its last execution (null before the first fire).</summary>
    public async Task<IReadOnlyList<ScheduleDetails>> GetScheduleDetailsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        var schedules = await db.JobSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var lastIds = schedules.Select(s => s.LastExecutionId).OfType<long>().ToList();
        var statuses = await db.JobExecutions.Where(e => lastIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Status, cancellationToken);
        return schedules.Select(s => new ScheduleDetails(s, s.LastExecutionId is { } id && statuses.TryGetValue(id, out var status) ? status : null)).ToList();
    }

    private static async Task<JobStatus?> LastExecutionStatusAsync(JobRepositoryDbContext db, long scheduleId, CancellationToken cancellationToken) =>
        await db.JobSchedules.Where(s => s.Id == scheduleId)
            .Join(db.JobExecutions, s => s.LastExecutionId, e => (long?)e.Id, (_, e) => (JobStatus?)e.Status)
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>One occurrence to fire.</summary>
internal sealed record ScheduleFire(long ScheduleId)
{
    /// <summary>The next fire time the scheduler saw, which it claims; null for an operator's "run now", which claims nothing.</summary>
    public DateTime? Due { get; init; }
    /// <summary>The next fire time the claim stores.</summary>
    public DateTime? Next { get; init; }
    /// <summary>False: claim the occurrence without launching (a misfire the schedule skips).</summary>
    public bool Launch { get; init; } = true;
    public bool SkipWhileActive { get; init; }
}

public enum ScheduleFireOutcome
{
    Fired,
    /// <summary>The previous execution was still Queued, Running or Stopping and the schedule forbids overlap.</summary>
    SkippedOverlap,
    /// <summary>A late occurrence the schedule's misfire policy skips.</summary>
    SkippedMisfire,
    /// <summary>Another scheduler fired it, or the schedule was paused or changed meanwhile.</summary>
    NotClaimed,
}

public sealed record ScheduleFireResult(ScheduleFireOutcome Outcome, JobExecution? Execution);

/// <summary>A schedule and the status of its last execution, for the admin pages.</summary>
public sealed record ScheduleDetails(JobSchedule Schedule, JobStatus? LastStatus);
