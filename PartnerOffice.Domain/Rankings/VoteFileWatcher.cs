using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Exports.Storage;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Rankings;

/// <summary>
/// Notices region files that land in the file store, as an S3 event notification would, by listing <c>votes/</c>
/// every <see cref="RankingOptions.WatchInterval"/>, and queues an aggregation of each event that got one. Only region
/// files count: the aggregation's own result is not one, so it never triggers itself. The first listing after start-up
/// only learns what is there (the scheduled aggregation covers files that landed while the process was down).
/// </summary>
public sealed class VoteFileWatcher(IFileStore store, IJobLauncher launcher, TimeProvider time, IOptions<RankingOptions> options,
    ILogger<VoteFileWatcher> logger) : BackgroundService
{
    private HashSet<string>? seen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may be briefly unreachable: the next listing tries again.
                logger.LogWarning(error, "Listing {Prefix} for new region files failed", VoteFiles.Root);
            }
            await Task.Delay(options.Value.WatchInterval, time, stoppingToken);
        }
    }

    /// <summary>Lists the store once; returns the aggregations it queued (none on the first call).</summary>
    public async Task<IReadOnlyList<JobExecution>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var regionFiles = (await store.ListKeysAsync(VoteFiles.Root, cancellationToken))
            .Select(VoteFiles.ParseRegionFile).OfType<RegionFileKey>().Where(f => options.Value.IsRegion(f.Region)).ToList();
        if (seen is null)
        {
            seen = regionFiles.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            return [];
        }
        var launched = new List<JobExecution>();
        foreach (var arrived in regionFiles.Where(f => seen.Add(f.Key)).GroupBy(f => f.EventId))
        {
            var trigger = arrived.Max(f => f.Key)!;
            try
            {
                launched.Add(await launcher.EnqueueAsync(VoteAggregationJob.Name, JobParameters.Empty
                    .With(RankingJobs.EventParameter, arrived.Key).With(VoteAggregationJob.TriggerParameter, trigger), cancellationToken: cancellationToken));
            }
            catch (JobInstanceConflictException)
            {
                // Another node noticed the same file first and queued the same aggregation.
            }
        }
        return launched;
    }
}
