using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.App.Identity;
using PartnerOffice.Ingest;

namespace PartnerOffice.App.Api;

/// <summary>
/// An invoice follow-up of a marketplace order: <c>status</c> is Pending, Retrying, Done or Failed; <c>nextAttemptAt</c> is
/// set while it is Pending or Retrying; <c>result</c> is the invoice number when Done, else the last error.
/// </summary>
public sealed record FollowUpResponse(long Id, string OrderId, string SellerCode, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? FirstFailedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, string? InvoiceNumber, string? LastError)
{
    public static FollowUpResponse From(InvoiceFollowUp f) => new(f.Id, f.Order.ExternalId, f.Order.SellerCode, f.Status.ToString(), f.Attempts,
        ApiTimes.Utc(f.CreatedAt), ApiTimes.Utc(f.FirstFailedAt),
        f.Status is FollowUpStatus.Pending or FollowUpStatus.Retrying ? ApiTimes.Utc(f.NextAttemptAt) : null,
        ApiTimes.Utc(f.CompletedAt), f.InvoiceNumber, f.LastError);
}

public sealed record FollowUpListResponse(IReadOnlyList<FollowUpResponse> Items, int Total, int Page, int PageSize);

/// <summary>The marketplace ingest's invoice follow-ups for operators' scripts: list them by status, retry a failed one. Admin tokens only.</summary>
public static class AdminFollowUpsApi
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapAdminFollowUpsApi(this RouteGroupBuilder admin)
    {
        var followUps = admin.MapGroup("/follow-ups").WithTags("Admin");
        followUps.MapGet("/", ListAsync).WithName("ListFollowUps")
            .WithSummary("Invoice follow-ups, newest first; filter by status (Pending, Retrying, Done or Failed).");
        followUps.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryFollowUp")
            .WithSummary("A Failed follow-up: Pending again now, with a new 10-minute retry window. 409 naming its status when it is not Failed.");
        return admin;
    }

    private static async Task<Results<Ok<FollowUpListResponse>, ValidationProblem>> ListAsync(InvoiceFollowUps store, string? status, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        FollowUpStatus? only = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<FollowUpStatus>(status.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) only = parsed;
            else errors["status"] = [$"'{status}' is not a status; use {string.Join(", ", Enum.GetNames<FollowUpStatus>())}."];
        }
        var (number, size) = (page ?? 1, pageSize ?? 50);
        if (number < 1) errors["page"] = ["page starts at 1."];
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var found = await store.PageAsync(only, (number - 1) * size, size, cancellationToken);
        return TypedResults.Ok(new FollowUpListResponse(found.Items.Select(FollowUpResponse.From).ToList(), found.Total, number, size));
    }

    private static async Task<Results<Ok<FollowUpResponse>, ProblemHttpResult>> RetryAsync(long id, CurrentUser user, FollowUpOperatorActions actions,
        CancellationToken cancellationToken)
    {
        var result = await actions.RetryAsync(user.AsAuditActor(), id, cancellationToken);
        return result.Outcome switch
        {
            FollowUpRetryOutcome.Retried => TypedResults.Ok(FollowUpResponse.From(result.FollowUp!)),
            FollowUpRetryOutcome.NotFound => TypedResults.Problem(result.Refusal(id), statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.Problem(result.Refusal(id), statusCode: StatusCodes.Status409Conflict, title: "Not allowed in this status"),
        };
    }
}
