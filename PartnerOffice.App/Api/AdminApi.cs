using PartnerOffice.App.Identity;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.App.Api;

public sealed record AdminPingResponse(string Status, DateTimeOffset ServerTime);

public sealed record NodeResponse(string Id, int Workers, int Busy, DateTimeOffset StartedAt, DateTimeOffset SeenAt);

public sealed record HourResponse(DateTimeOffset Hour, int Completed, int Failed);

public sealed record SlowJobResponse(string Job, int Runs, double AverageSeconds, double LongestSeconds, long LongestExecutionId);

/// <summary>The admin dashboard's figures: <c>oldestQueuedSeconds</c> is null when nothing waits; <c>lastDay</c> holds 24 hours, the current one last.</summary>
public sealed record QueueHealthResponse(DateTimeOffset At, int Queued, int Running, double? OldestQueuedSeconds, IReadOnlyList<NodeResponse> Nodes,
    IReadOnlyList<HourResponse> LastDay, IReadOnlyList<SlowJobResponse> Slowest);

/// <summary>Endpoints for platform operators only; partner users get 403.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.AdminOnly).WithTags("Admin")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/ping", (TimeProvider clock) => new AdminPingResponse("ok", clock.GetUtcNow()))
            .WithName("AdminPing").WithSummary("Checks that the caller holds admin rights.");
        admin.MapGet("/queue", async (IJobOperator jobs, CancellationToken ct) => await jobs.HealthAsync(ct) is var h
                ? new QueueHealthResponse(ApiTimes.Utc(h.At), h.Queued, h.Running, h.OldestQueuedAge?.TotalSeconds,
                    h.Nodes.Select(n => new NodeResponse(n.Id, n.Workers, n.Busy, ApiTimes.Utc(n.StartedAt), ApiTimes.Utc(n.SeenAt))).ToList(),
                    h.LastDay.Select(x => new HourResponse(ApiTimes.Utc(x.Hour), x.Completed, x.Failed)).ToList(),
                    h.Slowest.Select(j => new SlowJobResponse(j.JobName, j.Runs, j.Average.TotalSeconds, j.Longest.TotalSeconds, j.LongestExecutionId)).ToList())
                : null)
            .WithName("QueueHealth").WithSummary("Queued and running counts, the oldest queued's wait, every live node's workers, the last 24 hours by hour, the slowest jobs.");
        admin.MapAdminExecutionsApi().MapAdminSchedulesApi().MapAdminAuditApi().MapAdminUsersApi().MapAdminFollowUpsApi();
        return api;
    }
}
