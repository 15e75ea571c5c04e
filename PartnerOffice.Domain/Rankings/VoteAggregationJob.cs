using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Alerts;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Rankings;

/// <summary>
/// The aggregation (an S3-triggered function in the source material): for each event, each region's latest file,
/// normalised within the region and summed into the global ranking, written to <c>votes/{eventId}/result-global.csv</c>.
/// Operators are told of each update, and the pull job is queued to load it here. The result is not a region file, so
/// writing it never starts another aggregation (<see cref="VoteFileWatcher"/> only reacts to region files).
/// </summary>
public static class VoteAggregationJob
{
    public const string Name = "vote-aggregate";
    /// <summary>The region file whose arrival launched the run: two nodes noticing the same file launch one instance.</summary>
    public const string TriggerParameter = "trigger";

    public static void Define(JobBuilder job) => job
        .Step("rank-globally", step => step.Tasklet(AggregateAsync));

    private static async Task AggregateAsync(StepContext ctx, CancellationToken cancellationToken)
    {
        var options = ctx.Services.GetRequiredService<IOptions<RankingOptions>>().Value;
        var store = ctx.Services.GetRequiredService<IFileStore>();
        IReadOnlyList<string> events = ctx.Parameters.GetString(RankingJobs.EventParameter) is { } named
            ? [named]
            : (await store.ListKeysAsync(VoteFiles.Root, cancellationToken)).Select(VoteFiles.ParseRegionFile).OfType<RegionFileKey>()
                .Select(f => f.EventId).Distinct().ToList();
        foreach (var eventId in events)
        {
            var latest = VoteFiles.LatestPerRegion(await store.ListKeysAsync(VoteFiles.EventPrefix(eventId), cancellationToken), options.IsRegion);
            if (latest.Count == 0) continue;
            var regions = new List<RegionTally>();
            foreach (var file in latest) regions.Add(new RegionTally(file.Region, await VoteFiles.ReadTalliesAsync(store, file.Key, cancellationToken)));
            var ranking = RankingNormaliser.RankGlobal(regions);
            await store.PutAsync(VoteFiles.ResultFile(eventId), new MemoryStream(VoteFiles.WriteResult(ranking)), VoteFiles.ContentType, cancellationToken);
            var sources = string.Join(", ", latest.Select(f => f.Key[VoteFiles.EventPrefix(eventId).Length..]));
            await ctx.LogAsync(LogLevel.Information, $"Wrote {VoteFiles.ResultFile(eventId)} from {sources}: {ranking.Count} items.");
            await ctx.Services.GetRequiredService<IAlertSender>().SendAsync(UpdateAlert(eventId, ranking, latest), cancellationToken);
            await ctx.Services.GetRequiredService<IJobLauncher>().EnqueueAsync(RankingPullJob.Name,
                JobParameters.Empty.With(RankingJobs.EventParameter, eventId), cancellationToken: cancellationToken);
        }
    }

    private static Alert UpdateAlert(string eventId, IReadOnlyList<RankedItem> ranking, IReadOnlyList<RegionFileKey> sources)
    {
        var leader = ranking.Count > 0 ? $" Item {ranking[0].ItemId} leads with {ranking[0].Score:0.###}." : "";
        return new Alert($"Global ranking of {eventId} updated",
            $"{ranking.Count} items ranked from {string.Join(", ", sources.Select(s => $"{s.Region} ({s.Stamp})"))}.{leader}",
            new Uri(RankingJobs.PageLink(eventId), UriKind.Relative));
    }
}
