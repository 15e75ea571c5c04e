using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Definition;
using PartnerOffice.Jobs.Steps;

namespace PartnerOffice.Rankings;

/// <summary>
/// One region's push: its tallies of each event it has votes for (or of the event named) go to the file store as
/// <c>votes/{eventId}/{region}-{yyyyMMddHHmm}.csv</c>, stamped with the execution's request time, so a restart rewrites
/// the same file rather than adding another.
/// </summary>
public static class VotePushJob
{
    public const string Name = "vote-push";
    public const string RegionParameter = "region";

    public static void Define(JobBuilder job) => job
        .RequireParameters(RegionParameter)
        .Step("write-tallies", step => step.Tasklet(PushAsync));

    private static async Task PushAsync(StepContext ctx, CancellationToken cancellationToken)
    {
        var region = ctx.Parameters.GetRequiredString(RegionParameter);
        var options = ctx.Services.GetRequiredService<IOptions<RankingOptions>>().Value;
        if (!options.IsRegion(region)) throw new JobParametersInvalidException($"'{region}' is not one of the regions ({string.Join(", ", options.AllRegions)}).");
        var store = ctx.Services.GetRequiredService<IFileStore>();
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync(cancellationToken);
        IReadOnlyList<string> events = ctx.Parameters.GetString(RankingJobs.EventParameter) is { } named
            ? [named]
            : await db.Votes.Where(v => v.Region == region).Select(v => v.EventId).Distinct().OrderBy(e => e).ToListAsync(cancellationToken);
        foreach (var eventId in events)
        {
            var tallies = await TallyAsync(db, eventId, region, cancellationToken);
            var key = VoteFiles.RegionFile(eventId, region, ctx.JobExecution.CreatedAt);
            await store.PutAsync(key, new MemoryStream(VoteFiles.WriteTallies(tallies)), VoteFiles.ContentType, cancellationToken);
            await ctx.LogAsync(Microsoft.Extensions.Logging.LogLevel.Information, $"Wrote {key}: {tallies.Count} items, {tallies.Sum(t => t.Votes)} votes.");
        }
    }

    public static async Task<IReadOnlyList<ItemTally>> TallyAsync(PartnerOfficeDbContext db, string eventId, string region, CancellationToken cancellationToken) =>
        await db.Votes.Where(v => v.EventId == eventId && v.Region == region)
            .GroupBy(v => v.ItemId)
            .OrderBy(g => g.Key)
            .Select(g => new ItemTally(g.Key, g.Count(), g.Select(v => v.VoterId).Distinct().Count()))
            .ToListAsync(cancellationToken);
}
