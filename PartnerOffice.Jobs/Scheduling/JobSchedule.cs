using Quartz;

namespace PartnerOffice.Jobs.Scheduling;

/// <summary>What a schedule does when a fire comes while its previous execution is still Queued, Running or Stopping.</summary>
public enum ScheduleOverlapPolicy
{
    /// <summary>Skip that fire; the schedule fires again at its next time.</summary>
    Skip,
    /// <summary>Launch anyway: executions of the schedule may run side by side.</summary>
    Allow,
}

/// <summary>What a schedule does when the scheduler reaches a fire late (the process was down, say).</summary>
public enum MisfirePolicy
{
    /// <summary>Fire once now for all the fires missed, then carry on from now.</summary>
    FireOnceNow,
    /// <summary>Fire nothing for the missed fires; carry on at the next time after now.</summary>
    Skip,
}

/// <summary>
/// A job launched at the times of a cron expression (Quartz syntax, seconds first: <c>0 0 * * * ?</c> is every hour)
/// read in an IANA time zone, so "09:00 in America/New_York" stays 09:00 local across daylight saving changes.
/// </summary>
public sealed class JobSchedule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string JobName { get; set; }
    public required string CronExpression { get; set; }
    public required string TimeZone { get; set; }
    /// <summary>Passed to every launch, with the fire time added (<see cref="JobScheduler.FireTimeParameter"/>).</summary>
    public JobParameters Parameters { get; set; } = JobParameters.Empty;
    /// <summary>Set by an operator; a paused schedule has no next fire time.</summary>
    public bool Paused { get; set; }
    public ScheduleOverlapPolicy Overlap { get; set; }
    public MisfirePolicy Misfire { get; set; }
    /// <summary>UTC. The scheduler that moves it on (a conditional update) is the one that fires.</summary>
    public DateTime? NextFireAt { get; set; }
    /// <summary>UTC: when the last execution was launched.</summary>
    public DateTime? LastFireAt { get; set; }
    public long? LastExecutionId { get; set; }
    /// <summary>
    /// Set when an operator gave the schedule a cron expression or a zone of their own: it keeps them over the declared
    /// ones (<see cref="DeclaredCronExpression"/>, <see cref="DeclaredTimeZone"/>) across restarts until it is reset.
    /// </summary>
    public bool Edited { get; set; }
    public string? DeclaredCronExpression { get; set; }
    public string? DeclaredTimeZone { get; set; }

    /// <summary>The next <paramref name="count"/> fire times (UTC) strictly after <paramref name="utc"/>, fewer when the expression stops firing.</summary>
    public static IReadOnlyList<DateTime> NextFires(string cronExpression, string timeZone, DateTime utc, int count)
    {
        var cron = Cron(cronExpression, timeZone);
        var fires = new List<DateTime>(count);
        for (var after = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)); fires.Count < count && cron.GetNextValidTimeAfter(after) is { } next; after = next)
            fires.Add(next.UtcDateTime);
        return fires;
    }

    /// <summary>The first fire time strictly after <paramref name="utc"/>; null when the expression never fires again.</summary>
    public DateTime? NextFireAfter(DateTime utc) => Cron(CronExpression, TimeZone)
        .GetNextValidTimeAfter(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)))?.UtcDateTime;

    /// <summary>Parses the expression in the zone; throws <see cref="FormatException"/> or <see cref="TimeZoneNotFoundException"/>.</summary>
    internal static CronExpression Cron(string expression, string timeZone) =>
        new(expression) { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone) };
}

/// <summary>A schedule declared in code (<c>services.AddJobSchedule(...)</c>); stored at start-up.</summary>
public sealed record JobScheduleDeclaration(string Name, string JobName, string CronExpression, string TimeZone, JobParameters Parameters,
    ScheduleOverlapPolicy Overlap, MisfirePolicy Misfire)
{
    /// <summary>
    /// Brings a stored schedule in line with the declaration. An operator's pause stays; the next fire is recomputed
    /// from <paramref name="now"/> only when the schedule is new or its timing changed, so a pending fire is kept.
    /// </summary>
    internal void ApplyTo(JobSchedule schedule, DateTime now)
    {
        schedule.DeclaredCronExpression = CronExpression;
        schedule.DeclaredTimeZone = TimeZone;
        // An operator's edit wins over the declaration until they reset it.
        var (cron, zone) = schedule.Edited ? (schedule.CronExpression, schedule.TimeZone) : (CronExpression, TimeZone);
        var timingChanged = schedule.Id == 0 || schedule.CronExpression != cron || schedule.TimeZone != zone;
        schedule.JobName = JobName;
        schedule.CronExpression = cron;
        schedule.TimeZone = zone;
        schedule.Parameters = Parameters;
        schedule.Overlap = Overlap;
        schedule.Misfire = Misfire;
        if (timingChanged) schedule.NextFireAt = schedule.Paused ? null : schedule.NextFireAfter(now);
    }
}
