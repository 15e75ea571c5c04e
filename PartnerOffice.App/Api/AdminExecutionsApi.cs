using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.App.Identity;
using PartnerOffice.Audit;
using PartnerOffice.Exports;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Retail;

namespace PartnerOffice.App.Api;

/// <summary>An execution as operators and their scripts see it; <c>partner</c> is the partner's code for an export's.</summary>
public sealed record ExecutionResponse(long Id, string Job, string Status, string? Partner, string? RequestedBy, int RunCount,
    long ProgressCurrent, long? ProgressTotal, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    string? ExitDescription, string? Error)
{
    public static ExecutionResponse From(JobExecution e, PartnerCodes partners) => new(e.Id, e.JobName, e.Status.ToString(), partners.Of(e),
        e.RequestedBy, e.RunCount, e.ProgressCurrent, e.ProgressTotal, ApiTimes.Utc(e.CreatedAt), ApiTimes.Utc(e.StartedAt), ApiTimes.Utc(e.EndedAt), e.ExitDescription, e.Error);
}

public sealed record ExecutionListResponse(IReadOnlyList<ExecutionResponse> Items, int Total, int Page, int PageSize);

/// <summary>A step, a partitioned step's manager, or one of its partitions (<c>partition</c> set).</summary>
public sealed record StepResponse(string Name, string Step, string? Partition, string Status, long Read, long Written, long Commits,
    long Rollbacks, long Skipped, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Error);

/// <summary>A run log line: <c>level</c> is Information, Warning or Error; <c>exception</c> holds a failure's stack trace.</summary>
public sealed record LogLineResponse(DateTimeOffset At, string Level, string? Step, string Message, string? Exception);

public sealed record ExecutionDetailResponse(ExecutionResponse Execution, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<StepResponse> Steps,
    IReadOnlyList<LogLineResponse> Log);

/// <summary>The failed executions the filter matched that were restarted.</summary>
public sealed record RetryFailedResponse(int Restarted, IReadOnlyList<long> ExecutionIds);

/// <summary>Partner codes by the tenant id export executions carry.</summary>
public sealed class PartnerCodes(IReadOnlyList<Partner> partners)
{
    private readonly Dictionary<string, string> byTenant = partners.ToDictionary(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Code);

    public string? Of(JobExecution execution) => execution.Tenant is { } tenant ? byTenant.GetValueOrDefault(tenant) : null;

    public string? TenantOf(string code) => byTenant.FirstOrDefault(p => string.Equals(p.Value, code.Trim(), StringComparison.OrdinalIgnoreCase)).Key;

    public static async Task<PartnerCodes> LoadAsync(ExportService exports, CancellationToken cancellationToken) => new(await exports.PartnersAsync(cancellationToken));
}

/// <summary>
/// The job executions of every partner for operators' scripts: list and filter, one in full, the moves its status
/// allows (409 naming the status when it forbids one), and restarting every failed one a filter matches. Admin tokens only.
/// </summary>
public static class AdminExecutionsApi
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapAdminExecutionsApi(this RouteGroupBuilder admin)
    {
        var executions = admin.MapGroup("/executions").WithTags("Admin");
        executions.MapGet("/", ListAsync).WithName("ListExecutions")
            .WithSummary("Executions of every job and partner, newest first; filter by status (repeatable), job, partner code and requested between from and to.");
        executions.MapGet("/{id:long}", GetAsync).WithName("GetExecution").WithSummary("One execution with its parameters, steps, partitions and run log.");
        executions.MapPost("/{id:long}/restart", (long id, CurrentUser user, OperatorActions actions, ExportService exports, CancellationToken ct) =>
            MoveAsync(id, (i, c) => actions.RestartAsync(user.AsAuditActor(), i, c), exports, ct)).WithName("RestartExecution").WithSummary("Failed or Stopped: runs again from its last checkpoints.");
        executions.MapPost("/{id:long}/stop", (long id, CurrentUser user, OperatorActions actions, ExportService exports, CancellationToken ct) =>
            MoveAsync(id, (i, c) => actions.StopAsync(user.AsAuditActor(), i, c), exports, ct)).WithName("StopExecution").WithSummary("Queued: never starts. Running: stops after its chunk, restartable.");
        executions.MapPost("/{id:long}/cancel", (long id, CurrentUser user, OperatorActions actions, ExportService exports, CancellationToken ct) =>
            MoveAsync(id, (i, c) => actions.CancelAsync(user.AsAuditActor(), i, c), exports, ct)).WithName("CancelExecution").WithSummary("Like stop, but it ends for good.");
        executions.MapPost("/{id:long}/abandon", (long id, CurrentUser user, OperatorActions actions, ExportService exports, CancellationToken ct) =>
            MoveAsync(id, (i, c) => actions.AbandonAsync(user.AsAuditActor(), i, c), exports, ct)).WithName("AbandonExecution").WithSummary("Queued, Failed or Stopped: never runs again.");
        executions.MapPost("/retry-failed", RetryFailedAsync).WithName("RetryFailedExecutions")
            .WithSummary("Restarts every Failed execution the filter (job, partner, from, to) matches.");
        return admin;
    }

    private static async Task<Results<Ok<ExecutionListResponse>, ValidationProblem>> ListAsync(IJobOperator jobs, ExportService exports,
        string[]? status, string? job, string? partner, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var partners = await PartnerCodes.LoadAsync(exports, cancellationToken);
        var (query, errors) = Filter(partners, status, job, partner, from, to);
        var (number, size) = (page ?? 1, pageSize ?? 20);
        if (number < 1) errors["page"] = ["page starts at 1."];
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await jobs.ListAsync(query with { Skip = (number - 1) * size, Take = size }, cancellationToken);
        return TypedResults.Ok(new ExecutionListResponse(result.Items.Select(e => ExecutionResponse.From(e, partners)).ToList(), result.TotalCount, number, size));
    }

    private static async Task<Results<Ok<ExecutionDetailResponse>, ProblemHttpResult>> GetAsync(long id, IJobOperator jobs, ExportService exports,
        CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(id, cancellationToken) is not { } details) return NotFound(id);
        var partners = await PartnerCodes.LoadAsync(exports, cancellationToken);
        var steps = details.Steps.Select(s => new StepResponse(s.Name, s.StepName, s.PartitionName, s.Status.ToString(), s.ReadCount, s.WriteCount,
            s.CommitCount, s.RollbackCount, s.SkipCount, ApiTimes.Utc(s.StartedAt), ApiTimes.Utc(s.EndedAt), s.Error)).ToList();
        var log = (await jobs.GetLogAsync(id, cancellationToken))
            .Select(l => new LogLineResponse(ApiTimes.Utc(l.At), l.Level.ToString(), l.Step, l.Message, l.Exception)).ToList();
        return TypedResults.Ok(new ExecutionDetailResponse(ExecutionResponse.From(details.Execution, partners),
            details.Execution.Parameters.ToDictionary(p => p.Key, p => p.Value.Value), steps, log));
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> MoveAsync(long id,
        Func<long, CancellationToken, Task<JobExecution>> move, ExportService exports, CancellationToken cancellationToken)
    {
        try
        {
            var moved = await move(id, cancellationToken);
            return TypedResults.Ok(ExecutionResponse.From(moved, await PartnerCodes.LoadAsync(exports, cancellationToken)));
        }
        catch (KeyNotFoundException)
        {
            return NotFound(id);
        }
        catch (IllegalStatusTransitionException refused)
        {
            return TypedResults.Problem($"Execution {id} is {refused.From}: it cannot go to {refused.To}.", statusCode: StatusCodes.Status409Conflict,
                title: "Not allowed in this status");
        }
    }

    private static async Task<Results<Ok<RetryFailedResponse>, ValidationProblem>> RetryFailedAsync(CurrentUser user, OperatorActions actions,
        ExportService exports, string? job, string? partner, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (query, errors) = Filter(await PartnerCodes.LoadAsync(exports, cancellationToken), null, job, partner, from, to);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var restarted = await actions.RestartFailedAsync(user.AsAuditActor(), query, cancellationToken);
        return TypedResults.Ok(new RetryFailedResponse(restarted.Count, restarted));
    }

    /// <summary>The engine's query for the filters of a request, or what is wrong with them, by parameter.</summary>
    private static (JobExecutionQuery Query, Dictionary<string, string[]> Errors) Filter(PartnerCodes partners, string[]? status, string? job,
        string? partner, DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var statuses = new List<JobStatus>();
        foreach (var value in (status ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<JobStatus>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) statuses.Add(parsed);
            else errors["status"] = [$"'{value}' is not a status; use {string.Join(", ", Enum.GetNames<JobStatus>())}."];
        }
        string? tenant = null;
        if (!string.IsNullOrWhiteSpace(partner) && (tenant = partners.TenantOf(partner)) is null) errors["partner"] = [$"There is no partner '{partner}'."];
        if (from > to) errors["from"] = ["from is after to."];
        return (new JobExecutionQuery
        {
            Statuses = statuses,
            JobName = string.IsNullOrWhiteSpace(job) ? null : job.Trim(),
            Tenant = tenant,
            CreatedFrom = from?.UtcDateTime,
            CreatedBefore = to?.UtcDateTime,
        }, errors);
    }

    private static ProblemHttpResult NotFound(long id) => TypedResults.Problem($"There is no job execution {id}.", statusCode: StatusCodes.Status404NotFound);
}
