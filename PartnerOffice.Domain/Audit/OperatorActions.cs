using System.Globalization;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;

namespace PartnerOffice.Audit;

/// <summary>
/// The operators' moves on executions and schedules, from the admin pages, the admin API and the command line alike:
/// each is the engine's own move, recorded in the audit trail with who made it once the engine has made it.
/// </summary>
public sealed class OperatorActions(IJobOperator jobs, IScheduleOperator schedules, AuditTrail audit)
{
    public Task<JobExecution> RestartAsync(AuditActor actor, long executionId, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, AuditAction.ExecutionRestarted, jobs.RestartAsync, executionId, cancellationToken);

    public Task<JobExecution> StopAsync(AuditActor actor, long executionId, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, AuditAction.ExecutionStopped, jobs.StopAsync, executionId, cancellationToken);

    public Task<JobExecution> CancelAsync(AuditActor actor, long executionId, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, AuditAction.ExecutionCancelled, jobs.CancelAsync, executionId, cancellationToken);

    public Task<JobExecution> AbandonAsync(AuditActor actor, long executionId, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, AuditAction.ExecutionAbandoned, jobs.AbandonAsync, executionId, cancellationToken);

    public async Task<IReadOnlyList<long>> RestartFailedAsync(AuditActor actor, JobExecutionQuery query, CancellationToken cancellationToken = default)
    {
        var restarted = await jobs.RestartFailedAsync(query, cancellationToken);
        if (restarted.Count > 0)
            await audit.RecordAsync(actor, AuditAction.FailedExecutionsRetried, query.JobName is { } job ? $"job {job}" : "all jobs",
                string.Create(CultureInfo.InvariantCulture, $"{restarted.Count} restarted: {string.Join(", ", restarted)}"), cancellationToken: cancellationToken);
        return restarted;
    }

    public async Task PauseAsync(AuditActor actor, string name, CancellationToken cancellationToken = default)
    {
        await schedules.PauseAsync(name, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.SchedulePaused, ScheduleTarget(name), cancellationToken: cancellationToken);
    }

    public async Task ResumeAsync(AuditActor actor, string name, CancellationToken cancellationToken = default)
    {
        await schedules.ResumeAsync(name, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.ScheduleResumed, ScheduleTarget(name), cancellationToken: cancellationToken);
    }

    public async Task<ScheduleFireResult> TriggerAsync(AuditActor actor, string name, CancellationToken cancellationToken = default)
    {
        var fired = await schedules.TriggerAsync(name, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.ScheduleTriggered, ScheduleTarget(name),
            fired.Execution is { } execution ? $"execution {execution.Id}" : fired.Outcome.ToString(), cancellationToken: cancellationToken);
        return fired;
    }

    public async Task EditAsync(AuditActor actor, string name, string cronExpression, string timeZone, CancellationToken cancellationToken = default)
    {
        await schedules.EditAsync(name, cronExpression, timeZone, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.ScheduleEdited, ScheduleTarget(name), $"{cronExpression} ({timeZone})", cancellationToken: cancellationToken);
    }

    public async Task ResetAsync(AuditActor actor, string name, CancellationToken cancellationToken = default)
    {
        await schedules.ResetAsync(name, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.ScheduleReset, ScheduleTarget(name), cancellationToken: cancellationToken);
    }

    private async Task<JobExecution> MoveAsync(AuditActor actor, AuditAction action, Func<long, CancellationToken, Task<JobExecution>> move,
        long executionId, CancellationToken cancellationToken)
    {
        var moved = await move(executionId, cancellationToken);
        await audit.RecordAsync(actor, action, string.Create(CultureInfo.InvariantCulture, $"execution {executionId}"),
            $"{moved.JobName}: now {moved.Status}", PartnerOf(moved), cancellationToken);
        return moved;
    }

    // An export's execution carries its partner as the tenant; the trail can then be searched per partner.
    private static int? PartnerOf(JobExecution execution) =>
        int.TryParse(execution.Tenant, NumberStyles.None, CultureInfo.InvariantCulture, out var partnerId) ? partnerId : null;

    private static string ScheduleTarget(string name) => $"schedule {name}";
}
