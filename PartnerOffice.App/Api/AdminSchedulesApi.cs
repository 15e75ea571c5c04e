using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.App.Identity;
using PartnerOffice.Audit;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Scheduling;

namespace PartnerOffice.App.Api;

/// <summary>
/// A schedule: its cron (Quartz, with seconds) in its IANA zone, its state and its last execution; <c>edited</c> when an
/// operator's cron or zone replaces the declared ones (<c>declaredCron</c>, <c>declaredTimeZone</c>); the next five fires (UTC).
/// </summary>
public sealed record ScheduleResponse(string Name, string Job, string Cron, string TimeZone, bool Paused, DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFireAt, long? LastExecutionId, string? LastStatus, bool Edited, string? DeclaredCron, string? DeclaredTimeZone,
    IReadOnlyList<DateTimeOffset> NextFires)
{
    public static ScheduleResponse From(ScheduleDetails row, DateTime now)
    {
        var s = row.Schedule;
        var fires = s.Paused ? [] : JobSchedule.NextFires(s.CronExpression, s.TimeZone, now, 5).Select(ApiTimes.Utc).ToList();
        return new(s.Name, s.JobName, s.CronExpression, s.TimeZone, s.Paused, ApiTimes.Utc(s.NextFireAt), ApiTimes.Utc(s.LastFireAt),
            s.LastExecutionId, row.LastStatus?.ToString(), s.Edited, s.DeclaredCronExpression, s.DeclaredTimeZone, fires);
    }
}

/// <summary>An operator's timing for a schedule: a Quartz cron expression (seconds first) and an IANA time zone.</summary>
public sealed record ScheduleEditBody(string? Cron, string? TimeZone);

/// <summary><c>Fired</c> with the execution launched, or <c>SkippedOverlap</c> while the previous one still runs.</summary>
public sealed record ScheduleTriggerResponse(string Schedule, string Outcome, long? ExecutionId);

/// <summary>The schedules for operators' scripts: list them, pause, resume, run one now. Admin tokens only.</summary>
public static class AdminSchedulesApi
{
    public static RouteGroupBuilder MapAdminSchedulesApi(this RouteGroupBuilder admin)
    {
        var schedules = admin.MapGroup("/schedules").WithTags("Admin");
        schedules.MapGet("/", async (IScheduleOperator operators, TimeProvider clock, CancellationToken ct) =>
                (await operators.ListAsync(ct)).Select(s => ScheduleResponse.From(s, clock.GetUtcNow().UtcDateTime)).ToList())
            .WithName("ListSchedules");
        schedules.MapPost("/{name}/pause", (string name, CurrentUser user, OperatorActions actions, IScheduleOperator operators, TimeProvider clock,
                CancellationToken ct) => ChangeAsync(name, operators, clock, (n, c) => actions.PauseAsync(user.AsAuditActor(), n, c), ct))
            .WithName("PauseSchedule").WithSummary("No fires until resumed; the pause survives restarts.");
        schedules.MapPost("/{name}/resume", (string name, CurrentUser user, OperatorActions actions, IScheduleOperator operators, TimeProvider clock,
                CancellationToken ct) => ChangeAsync(name, operators, clock, (n, c) => actions.ResumeAsync(user.AsAuditActor(), n, c), ct))
            .WithName("ResumeSchedule").WithSummary("Fires again from its next time after now; fires missed while paused are not made up.");
        schedules.MapPut("/{name}", EditAsync).WithName("EditSchedule")
            .WithSummary("Gives the schedule a cron expression and time zone of its own; they win over the declared ones, restarts included, until reset.")
            .Accepts<ScheduleEditBody>("application/json").ProducesValidationProblem();
        schedules.MapPost("/{name}/reset", (string name, CurrentUser user, OperatorActions actions, IScheduleOperator operators, TimeProvider clock,
                CancellationToken ct) => ChangeAsync(name, operators, clock, (n, c) => actions.ResetAsync(user.AsAuditActor(), n, c), ct))
            .WithName("ResetSchedule").WithSummary("Back to the declared cron expression and time zone.");
        schedules.MapPost("/{name}/trigger", TriggerAsync).WithName("TriggerSchedule").WithSummary("Launches the schedule's job now, paused or not.");
        return admin;
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult, ValidationProblem>> EditAsync(string name, ScheduleEditBody body,
        CurrentUser user, OperatorActions actions, IScheduleOperator operators, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Cron)) errors["cron"] = ["cron is required, e.g. 0 0/5 * * * ?."];
        if (string.IsNullOrWhiteSpace(body.TimeZone)) errors["timeZone"] = ["timeZone is required, e.g. Asia/Seoul."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await ChangeAsync(name, operators, clock, (n, ct) => actions.EditAsync(user.AsAuditActor(), n, body.Cron!, body.TimeZone!, ct), cancellationToken);
    }

    /// <summary>Makes the change and answers the schedule as it is now; a refused edit is a 400 naming its field.</summary>
    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult, ValidationProblem>> ChangeAsync(string name, IScheduleOperator operators,
        TimeProvider clock, Func<string, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change(name, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotFound(name);
        }
        catch (ScheduleEditRefusedException refused)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] });
        }
        var changed = (await operators.ListAsync(cancellationToken)).SingleOrDefault(s => s.Schedule.Name == name);
        return changed is null ? NotFound(name) : TypedResults.Ok(ScheduleResponse.From(changed, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<Ok<ScheduleTriggerResponse>, ProblemHttpResult>> TriggerAsync(string name, CurrentUser user, OperatorActions actions,
        CancellationToken cancellationToken)
    {
        try
        {
            var fired = await actions.TriggerAsync(user.AsAuditActor(), name, cancellationToken);
            return TypedResults.Ok(new ScheduleTriggerResponse(name, fired.Outcome.ToString(), fired.Execution?.Id));
        }
        catch (KeyNotFoundException)
        {
            return NotFound(name);
        }
    }

    private static ProblemHttpResult NotFound(string name) => TypedResults.Problem($"There is no schedule '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
