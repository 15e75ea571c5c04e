using Microsoft.Extensions.Options;
using PartnerOffice.Ingest;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.App.Hosting;

/// <summary>
/// The marketplace ingest: its options, the feed and invoice clients, the job and its schedule, the follow-up store and
/// worker. The schedule is declared even without a feed (the demo), so the Schedules page lists it and an operator can
/// run it now; such a run completes at once saying the marketplace is not configured.
/// </summary>
public static class IngestSetup
{
    public static IHostApplicationBuilder AddPartnerOfficeIngest(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IngestOptions.Section);
        builder.Services.AddOptions<IngestOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        builder.Services.AddHttpClient<MarketplaceFeedClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            if (options.IsConfigured) http.BaseAddress = options.FeedAddress;
            http.Timeout = options.FeedTimeout;
        });
        builder.Services.AddHttpClient<InvoiceServiceClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            if (options.IsConfigured) http.BaseAddress = options.InvoiceAddress;
            // The worker's own timeout (on the portal's clock) bounds each call.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.Services.AddSingleton<InvoiceFollowUps>();
        builder.Services.AddSingleton<FollowUpOperatorActions>();
        builder.Services.AddSingleton<InvoiceFollowUpWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InvoiceFollowUpWorker>());
        builder.Services.AddJob<MarketplaceIngestJob>();

        var ingest = section.Get<IngestOptions>() ?? new IngestOptions();
        builder.Services.AddJobSchedule(MarketplaceIngestJob.JobName, job: MarketplaceIngestJob.JobName, cron: ingest.Cron, timeZone: ingest.TimeZone);
        return builder;
    }
}
