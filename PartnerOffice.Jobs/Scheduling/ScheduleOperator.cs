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

    private async Task<JobSchedule> GetAsync(string name, CancellationToken cancellationToken) =>
        await repository.GetScheduleAsync(name, cancellationToken) ?? throw NotFound(name);

    private static KeyNotFoundException NotFound(string name) => new($"No schedule named '{name}'.");
}
