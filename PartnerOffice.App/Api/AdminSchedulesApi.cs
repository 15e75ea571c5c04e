using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;

namespace PartnerOffice.App.Api;

/// <summary>A schedule: its cron (Quartz, with seconds) in its IANA zone, its state and its last execution.</summary>
public sealed record ScheduleResponse(string Name, string Job, string Cron, string TimeZone, bool Paused, DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFireAt, long? LastExecutionId, string? LastStatus)
{
    public static ScheduleResponse From(ScheduleDetails row) => new(row.Schedule.Name, row.Schedule.JobName, row.Schedule.CronExpression,
        row.Schedule.TimeZone, row.Schedule.Paused, ExecutionResponse.Utc(row.Schedule.NextFireAt), ExecutionResponse.Utc(row.Schedule.LastFireAt),
        row.Schedule.LastExecutionId, row.LastStatus?.ToString());
}

/// <summary><c>Fired</c> with the execution launched, or <c>SkippedOverlap</c> while the previous one still runs.</summary>
public sealed record ScheduleTriggerResponse(string Schedule, string Outcome, long? ExecutionId);

/// <summary>The schedules for operators' scripts: list them, pause, resume, run one now. Admin tokens only.</summary>
public static class AdminSchedulesApi
{
    public static RouteGroupBuilder MapAdminSchedulesApi(this RouteGroupBuilder admin)
    {
        var schedules = admin.MapGroup("/schedules").WithTags("Admin");
        schedules.MapGet("/", async (IScheduleOperator operators, CancellationToken ct) =>
                (await operators.ListAsync(ct)).Select(ScheduleResponse.From).ToList())
            .WithName("ListSchedules");
        schedules.MapPost("/{name}/pause", (string name, IScheduleOperator operators, CancellationToken ct) => ChangeAsync(name, operators, operators.PauseAsync, ct))
            .WithName("PauseSchedule").WithSummary("No fires until resumed; the pause survives restarts.");
        schedules.MapPost("/{name}/resume", (string name, IScheduleOperator operators, CancellationToken ct) => ChangeAsync(name, operators, operators.ResumeAsync, ct))
            .WithName("ResumeSchedule").WithSummary("Fires again from its next time after now; fires missed while paused are not made up.");
        schedules.MapPost("/{name}/trigger", TriggerAsync).WithName("TriggerSchedule").WithSummary("Launches the schedule's job now, paused or not.");
        return admin;
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> ChangeAsync(string name, IScheduleOperator operators,
        Func<string, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change(name, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotFound(name);
        }
        var changed = (await operators.ListAsync(cancellationToken)).SingleOrDefault(s => s.Schedule.Name == name);
        return changed is null ? NotFound(name) : TypedResults.Ok(ScheduleResponse.From(changed));
    }

    private static async Task<Results<Ok<ScheduleTriggerResponse>, ProblemHttpResult>> TriggerAsync(string name, IScheduleOperator operators,
        CancellationToken cancellationToken)
    {
        try
        {
            var fired = await operators.TriggerAsync(name, cancellationToken);
            return TypedResults.Ok(new ScheduleTriggerResponse(name, fired.Outcome.ToString(), fired.Execution?.Id));
        }
        catch (KeyNotFoundException)
        {
            return NotFound(name);
        }
    }

    private static ProblemHttpResult NotFound(string name) => TypedResults.Problem($"There is no schedule '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
