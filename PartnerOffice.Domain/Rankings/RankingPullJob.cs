using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Rankings;

/// <summary>
/// Loads each event's global result (or the named event's) into this deployment's ranking store, and beside it each
/// region's own ranking from the region's latest file, where <c>GET /api/rankings</c> and the Rankings page read them.
/// </summary>
public static class RankingPullJob
{
    public const string Name = "ranking-pull";

    public static void Define(JobBuilder job) => job
        .Incrementer(new RunIdIncrementer())
        .Step("load-rankings", step => step.Tasklet(PullAsync));

    private static async Task PullAsync(StepContext ctx, CancellationToken cancellationToken)
    {
        var options = ctx.Services.GetRequiredService<IOptions<RankingOptions>>().Value;
        var files = ctx.Services.GetRequiredService<IFileStore>();
        var rankings = ctx.Services.GetRequiredService<IRankingStore>();
        IReadOnlyList<string> events = ctx.Parameters.GetString(RankingJobs.EventParameter) is { } named
            ? [named]
            : (await files.ListKeysAsync(VoteFiles.Root, cancellationToken)).Where(VoteFiles.IsResultFile)
                .Select(k => k[VoteFiles.Root.Length..k.LastIndexOf('/')]).ToList();
        foreach (var eventId in events)
        {
            var keys = await files.ListKeysAsync(VoteFiles.EventPrefix(eventId), cancellationToken);
            if (keys.Contains(VoteFiles.ResultFile(eventId)))
                await rankings.ReplaceAsync(eventId, RankingScope.Global, await VoteFiles.ReadResultAsync(files, VoteFiles.ResultFile(eventId), cancellationToken), cancellationToken);
            foreach (var file in VoteFiles.LatestPerRegion(keys, options.IsRegion))
            {
                var tally = new RegionTally(file.Region, await VoteFiles.ReadTalliesAsync(files, file.Key, cancellationToken));
                await rankings.ReplaceAsync(eventId, file.Region, RankingNormaliser.RankRegion(tally), cancellationToken);
            }
        }
    }
}
