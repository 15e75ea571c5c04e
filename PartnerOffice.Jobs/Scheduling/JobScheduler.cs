using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Scheduling;

/// <summary>
/// Launches scheduled jobs through the durable launcher. At start-up it stores the declared schedules; then it sleeps
/// until the next fire time (or until this process changes a schedule), and fires each due schedule by claiming its
/// occurrence with a conditional update of the next fire time in the launch's own transaction, so of several
/// processes exactly one launches it. Each launch also carries the occurrence as an identifying parameter: a second
/// launch of the same occurrence would be the same job instance, which the launcher refuses.
/// </summary>
public sealed class JobScheduler : BackgroundService
{
    /// <summary>The identifying parameter holding the occurrence (UTC) a scheduled launch is for.</summary>
    public const string FireTimeParameter = "schedule.fireTime";

    private readonly JobRepository repository;
    private readonly JobRegistry registry;
    private readonly IJobLauncher launcher;
    private readonly IReadOnlyList<JobScheduleDeclaration> declared;
    private readonly WakeSignal signal = new();
    private readonly TimeProvider time;
    private readonly JobEngineOptions options;
    private readonly ILogger<JobScheduler> logger;

    internal JobScheduler(JobRepository repository, JobRegistry registry, IJobLauncher launcher, IEnumerable<JobScheduleDeclaration> declared, TimeProvider time,
        IOptions<JobEngineOptions> options, ILogger<JobScheduler> logger)
    {
        this.repository = repository;
        this.registry = registry;
        this.launcher = launcher;
        this.declared = declared.ToList();
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Stores the declared schedules before the host has started, so the admin pages see them at once.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // A schedule of a job this process does not define fails the start, not every fire.
        foreach (var declaration in declared) registry.Get(declaration.JobName);
        await repository.SyncSchedulesAsync(declared, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Makes the loop look at the schedules now (one was resumed or triggered here).</summary>
    internal void Wake() => signal.Pulse();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextPulse;
            var sleep = options.ScheduleCheckInterval;
            try
            {
                if (await FireDueAsync(stoppingToken) is { } next && next - Now < sleep) sleep = next - Now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "Firing job schedules failed; the scheduler tries again after the check interval");
            }
            if (sleep <= TimeSpan.Zero) continue;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(wake, Task.Delay(sleep, time, timer.Token));
            await timer.CancelAsync();
        }
    }

    /// <summary>Fires every schedule that is due now; returns the next fire time, or null when nothing is scheduled.</summary>
    /// <exception cref="AggregateException">A launch failed (the others went ahead); its occurrence stays due.</exception>
    internal async Task<DateTime?> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var failures = new List<Exception>();
        foreach (var schedule in await repository.FindDueSchedulesAsync(now, cancellationToken))
        {
            try
            {
                await FireAsync(schedule, now, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.Add(error);
            }
        }
        // Thrown after the others fired, so the loop sleeps a check interval rather than retry a failing launch at once.
        if (failures.Count > 0) throw new AggregateException(failures);
        return await repository.FindNextFireTimeAsync(cancellationToken);
    }

    private async Task FireAsync(JobSchedule schedule, DateTime now, CancellationToken cancellationToken)
    {
        var due = schedule.NextFireAt!.Value;
        var misfired = now - due > options.MisfireThreshold;
        var fire = new ScheduleFire(schedule.Id)
        {
            Due = due,
            Next = schedule.NextFireAfter(now),
            Launch = !misfired || schedule.Misfire == MisfirePolicy.FireOnceNow,
            SkipWhileActive = schedule.Overlap == ScheduleOverlapPolicy.Skip,
        };
        var result = await LaunchAsync(schedule, fire, occurrence: due, cancellationToken);
        if (misfired) logger.LogWarning("Schedule {Schedule} fired late (due {Due:O}): {Outcome}", schedule.Name, due, result.Outcome);
    }

    /// <summary>An operator's "run now": launches at once, whatever the next fire time (the overlap policy still applies).</summary>
    internal Task<ScheduleFireResult> TriggerAsync(JobSchedule schedule, CancellationToken cancellationToken) =>
        LaunchAsync(schedule, new ScheduleFire(schedule.Id) { SkipWhileActive = schedule.Overlap == ScheduleOverlapPolicy.Skip },
            occurrence: Now, cancellationToken);

    private async Task<ScheduleFireResult> LaunchAsync(JobSchedule schedule, ScheduleFire fire, DateTime occurrence, CancellationToken cancellationToken)
    {
        var parameters = schedule.Parameters.With(FireTimeParameter, DateTime.SpecifyKind(occurrence, DateTimeKind.Utc));
        var result = await repository.FireScheduleAsync(fire, (transaction, ct) =>
            launcher.EnqueueAsync(schedule.JobName, parameters, transaction, requestedBy: $"schedule:{schedule.Name}", cancellationToken: ct), cancellationToken);
        if (result.Execution is { } execution)
        {
            launcher.WakeWorkers();
            logger.LogInformation("Schedule {Schedule} launched {Job} as execution {ExecutionId}", schedule.Name, schedule.JobName, execution.Id);
        }
        else if (result.Outcome == ScheduleFireOutcome.SkippedOverlap)
        {
            logger.LogInformation("Schedule {Schedule} skipped a fire: its previous execution {ExecutionId} has not ended", schedule.Name, schedule.LastExecutionId);
        }
        return result;
    }
}
