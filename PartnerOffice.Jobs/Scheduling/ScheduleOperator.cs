using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Scheduling;

/// <summary>What admins do to schedules, and what the admin pages ask about them.</summary>
public interface IScheduleOperator
{
    /// <summary>Every schedule by name, with the status of its last execution.</summary>
    Task<IReadOnlyList<ScheduleDetails>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>No fires until resumed. The pause survives restarts and new deployments.</summary>
    Task PauseAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Fires again from now on: the fires missed while paused are not made up.</summary>
    Task ResumeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Launches the schedule's job now, paused or not; skipped while its previous execution runs if the schedule forbids overlap.</summary>
    Task<ScheduleFireResult> TriggerAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the schedule a cron expression (Quartz, seconds first) and an IANA zone of the operator's; they win over
    /// the declared ones, restarts included, until <see cref="ResetAsync"/>. Throws <see cref="ScheduleEditRefusedException"/>
    /// naming the field when the expression does not parse or never fires again, or the zone is unknown.
    /// </summary>
    Task EditAsync(string name, string cronExpression, string timeZone, CancellationToken cancellationToken = default);

    /// <summary>Back to the declared cron expression and zone.</summary>
    Task ResetAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>Why a cron expression and a zone cannot be a schedule's timing.</summary>
public enum ScheduleTimingProblem
{
    /// <summary>Not an IANA name: the lookup also takes Windows names and near misses on some systems, which other machines would not know.</summary>
    UnknownTimeZone,
    NotACronExpression,
    NeverFires,
}

/// <summary>The one check of a schedule's timing: the operator's edit and the page's preview both ask it.</summary>
public static class ScheduleTiming
{
    /// <summary>What is wrong with the timing, or null with its next <paramref name="count"/> fires (UTC) after <paramref name="utc"/>.</summary>
    public static ScheduleTimingProblem? Check(string cronExpression, string timeZone, DateTime utc, int count, out IReadOnlyList<DateTime> fires)
    {
        fires = [];
        if (!TimeZoneInfo.GetSystemTimeZones().Any(z => z.HasIanaId && z.Id == timeZone)) return ScheduleTimingProblem.UnknownTimeZone;
        if (!Quartz.CronExpression.IsValidExpression(cronExpression)) return ScheduleTimingProblem.NotACronExpression;
        fires = JobSchedule.NextFires(cronExpression, timeZone, utc, count);
        return fires.Count == 0 ? ScheduleTimingProblem.NeverFires : null;
    }
}

/// <summary>An edit refused: <see cref="Field"/> is <c>cron</c> or <c>timeZone</c>.</summary>
public sealed class ScheduleEditRefusedException(string field, string message) : ArgumentException(message)
{
    public string Field { get; } = field;
}

internal sealed class ScheduleOperator(JobRepository repository, JobScheduler scheduler, TimeProvider time) : IScheduleOperator
{
    public Task<IReadOnlyList<ScheduleDetails>> ListAsync(CancellationToken cancellationToken = default) =>
        repository.GetScheduleDetailsAsync(cancellationToken);

    public async Task PauseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await repository.PauseScheduleAsync(name, cancellationToken)) throw NotFound(name);
    }

    public async Task ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        var schedule = await GetAsync(name, cancellationToken);
        if (await repository.ResumeScheduleAsync(name, schedule.NextFireAfter(time.GetUtcNow().UtcDateTime), cancellationToken)) scheduler.Wake();
    }

    public async Task<ScheduleFireResult> TriggerAsync(string name, CancellationToken cancellationToken = default) =>
        await scheduler.TriggerAsync(await GetAsync(name, cancellationToken), cancellationToken);

    public async Task EditAsync(string name, string cronExpression, string timeZone, CancellationToken cancellationToken = default)
    {
        var (cron, zone) = (cronExpression.Trim(), timeZone.Trim());
        switch (ScheduleTiming.Check(cron, zone, time.GetUtcNow().UtcDateTime, 1, out _))
        {
            case ScheduleTimingProblem.UnknownTimeZone:
                throw new ScheduleEditRefusedException("timeZone", $"'{zone}' is not a time zone; use an IANA name such as Asia/Seoul.");
            case ScheduleTimingProblem.NotACronExpression:
                throw new ScheduleEditRefusedException("cron", $"'{cron}' is not a cron expression: six or seven fields, seconds first, e.g. 0 0/5 * * * ?.");
            case ScheduleTimingProblem.NeverFires:
                throw new ScheduleEditRefusedException("cron", $"'{cron}' never fires again.");
        }
        if (!await repository.SetScheduleTimingAsync(name, _ => (cron, zone), edited: true, cancellationToken)) throw NotFound(name);
        scheduler.Wake();
    }

    public async Task ResetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await repository.SetScheduleTimingAsync(name, s => (s.DeclaredCronExpression ?? s.CronExpression, s.DeclaredTimeZone ?? s.TimeZone), edited: false,
                cancellationToken)) throw NotFound(name);
        scheduler.Wake();
    }

    private async Task<JobSchedule> GetAsync(string name, CancellationToken cancellationToken) =>
        await repository.GetScheduleAsync(name, cancellationToken) ?? throw NotFound(name);

    private static KeyNotFoundException NotFound(string name) => new($"No schedule named '{name}'.");
}
