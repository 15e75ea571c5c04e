using PartnerOffice.App.Identity;

namespace PartnerOffice.App.Api;

public sealed record AdminPingResponse(string Status, DateTimeOffset ServerTime);

/// <summary>Endpoints for platform operators only; partner users get 403.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.AdminOnly).WithTags("Admin")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/ping", (TimeProvider clock) => new AdminPingResponse("ok", clock.GetUtcNow()))
            .WithName("AdminPing").WithSummary("Checks that the caller holds admin rights.");
        admin.MapAdminExecutionsApi().MapAdminSchedulesApi().MapAdminAuditApi();
        return api;
    }
}
