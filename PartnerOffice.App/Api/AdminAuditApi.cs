using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.Audit;
using PartnerOffice.Exports;

namespace PartnerOffice.App.Api;

public sealed record AuditEntryResponse(long Id, DateTimeOffset At, string Action, string Actor, int? UserId, string? Partner, string? Target,
    string? Detail, string? SourceAddress);

public sealed record AuditListResponse(IReadOnlyList<AuditEntryResponse> Items, int Total, int Page, int PageSize);

/// <summary>The audit trail for operators' scripts and for the audit page's export: search it, or take every match as CSV. Admins only.</summary>
public static class AdminAuditApi
{
    public static RouteGroupBuilder MapAdminAuditApi(this RouteGroupBuilder admin)
    {
        var audit = admin.MapGroup("/audit").WithTags("Admin");
        audit.MapGet("/", SearchAsync).WithName("SearchAudit")
            .WithSummary("Audit entries, newest first; filter by action (repeatable), text (in actor, target or detail), partner code and between from and to.");
        audit.MapGet("/csv", ExportAsync).WithName("ExportAudit").WithSummary("Every entry the same filters match, as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        return admin;
    }

    private static async Task<Results<Ok<AuditListResponse>, ValidationProblem>> SearchAsync(AuditTrail trail, ExportService exports,
        string[]? action, string? text, string? partner, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var partners = await exports.PartnersAsync(cancellationToken);
        var (query, errors) = Filter(partners, action, text, partner, from, to);
        if (page < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > 500) errors["pageSize"] = ["pageSize is 1 to 500."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var found = await trail.SearchAsync(query with { Page = page ?? 1, PageSize = pageSize ?? 50 }, cancellationToken);
        var codes = partners.ToDictionary(p => p.Id, p => p.Code);
        return TypedResults.Ok(new AuditListResponse(found.Items.Select(e => new AuditEntryResponse(e.Id, ApiTimes.Utc(e.At), e.Action.ToString(), e.Actor,
            e.UserId, e.PartnerId is { } id ? codes.GetValueOrDefault(id) : null, e.Target, e.Detail, e.SourceAddress)).ToList(), found.Total, found.Page, found.PageSize));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AuditTrail trail, ExportService exports, TimeProvider clock,
        string[]? action, string? text, string? partner, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (query, errors) = Filter(await exports.PartnersAsync(cancellationToken), action, text, partner, from, to);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var fileName = $"audit-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv";
        return TypedResults.Stream(output => AuditCsv.WriteAsync(trail.StreamAsync(query, cancellationToken), output, cancellationToken),
            AuditCsv.ContentType, fileName);
    }

    private static (AuditQuery Query, Dictionary<string, string[]> Errors) Filter(IReadOnlyList<PartnerOffice.Retail.Partner> partners, string[]? action,
        string? text, string? partner, DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var actions = new List<AuditAction>();
        foreach (var name in action ?? [])
        {
            if (Enum.TryParse<AuditAction>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) actions.Add(parsed);
            else errors["action"] = [$"'{name}' is not an audited action; one of {string.Join(", ", Enum.GetNames<AuditAction>())}."];
        }
        int? partnerId = null;
        if (!string.IsNullOrWhiteSpace(partner))
        {
            partnerId = partners.FirstOrDefault(p => string.Equals(p.Code, partner.Trim(), StringComparison.OrdinalIgnoreCase))?.Id;
            if (partnerId is null) errors["partner"] = [$"There is no partner with code '{partner}'."];
        }
        if (from > to) errors["to"] = ["to must not be before from."];
        return (new AuditQuery
        {
            Actions = actions,
            Text = text,
            PartnerId = partnerId,
            From = from?.UtcDateTime,
            Before = to?.UtcDateTime,
        }, errors);
    }
}
