using Microsoft.AspNetCore.Http.HttpResults;
using PartnerOffice.Rankings;

namespace PartnerOffice.App.Api;

public sealed record RankedItemResponse(int Rank, long ItemId, double Score, long Votes);

/// <param name="Region">The region whose own ranking this is; null for the global one.</param>
public sealed record RankingResponse(string EventId, string? Region, IReadOnlyList<RankedItemResponse> Items);

/// <summary>The vote rankings this deployment serves: an event's global ranking, or a region's own with <c>?region=</c>.</summary>
public static class RankingsApi
{
    public static RouteGroupBuilder MapRankingsApi(this RouteGroupBuilder api)
    {
        var rankings = api.MapGroup("/rankings").WithTags("Rankings");
        rankings.MapGet("/{eventId}", GetAsync).WithName("GetRanking")
            .WithSummary("An event's global ranking (items by the sum of their shares of each region's votes), or with region= that region's own.")
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<Results<Ok<RankingResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string eventId, string? region,
        RankingQueries rankings, CancellationToken cancellationToken)
    {
        var found = await rankings.GetAsync(eventId, region, cancellationToken);
        if (found.Errors.Count > 0) return TypedResults.ValidationProblem(found.Errors);
        if (!found.Found)
            return TypedResults.Problem(region is null ? $"There is no global ranking of {eventId} yet." : $"There is no ranking of {eventId} in {region} yet.",
                statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(new RankingResponse(eventId, region, found.Items!.Select(i => new RankedItemResponse(i.Rank, i.ItemId, i.Score, i.Votes)).ToList()));
    }
}
