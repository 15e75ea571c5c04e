using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Definition;

namespace PartnerOffice.Ingest;

/// <summary>
/// Asks the marketplace's order feed for the orders after the newest one stored and upserts them in chunks, each new
/// order with its invoice follow-up; the follow-up worker is woken after each chunk commits, so a fire never waits for
/// the slow invoice calls. Scheduled every minute of the marketplace's business hours (<see cref="IngestOptions.Cron"/>).
/// Without a feed (<see cref="IngestOptions.BaseUrl"/> unset, as in the demo) the schedule is still declared, so that
/// operators see it and can run it; each run then completes at once saying so, rather than failing and alerting every minute.
/// </summary>
public sealed class MarketplaceIngestJob(IOptions<IngestOptions> options, InvoiceFollowUpWorker followUps, ILogger<MarketplaceIngestJob> logger) : IJobDefinition
{
    public const string JobName = "marketplace-ingest";

    /// <summary>The exit description of a run without a feed to read.</summary>
    public static readonly string NotConfiguredDescription =
        $"Nothing to do: the marketplace is not configured (set {IngestOptions.Section}:BaseUrl).";

    public string Name => JobName;

    public void Define(JobBuilder job)
    {
        if (!options.Value.IsConfigured)
        {
            job.Step("skip-unconfigured-marketplace", step => step.Tasklet(async (context, _) =>
            {
                logger.LogInformation("Marketplace ingest execution {ExecutionId}: {Description}", context.JobExecution.Id, NotConfiguredDescription);
                await context.LogAsync(LogLevel.Information, NotConfiguredDescription);
                context.SetExitDescription(NotConfiguredDescription);
            }));
            return;
        }
        job.Step("upsert-orders", step => step.Chunk<FeedOrder, FeedOrder>(options.Value.ChunkSize)
                .Reader(context => new FeedOrderReader(context.Services.GetRequiredService<MarketplaceFeedClient>(),
                    context.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>(), options.Value.PageSize))
                .Writer(context => new MarketplaceOrderWriter(context.Services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>(), context.Time)))
            .AfterChunk((_, _) =>
            {
                followUps.Wake();
                return Task.CompletedTask;
            });
    }
}
