using Microsoft.Extensions.Options;
using PartnerOffice.App.Rankings;
using PartnerOffice.Jobs;
using PartnerOffice.Jobs.Launching;
using PartnerOffice.Rankings;
using StackExchange.Redis;

namespace PartnerOffice.App.Hosting;

/// <summary>
/// The regional vote ranking: its options, the ranking store (Redis when <c>ConnectionStrings:Redis</c> is set, the
/// database otherwise, with a readiness check of Redis), the push, aggregation and pull jobs with their schedules, and the
/// watcher of new region files.
/// </summary>
public static class RankingsSetup
{
    public const string RedisConnectionName = "Redis";

    public static IHostApplicationBuilder AddPartnerOfficeRankings(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RankingOptions.Section);
        builder.Services.AddOptions<RankingOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RankingOptions>, RankingOptionsValidation>();

        if (builder.Configuration.GetConnectionString(RedisConnectionName) is { Length: > 0 } redis)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var configuration = ConfigurationOptions.Parse(redis);
                // Start even while Redis is away; reads and loads fail until it is back.
                configuration.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(configuration);
            });
            builder.Services.AddSingleton<IRankingStore, RedisRankingStore>();
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: [HostingExtensions.ReadyTag]);
        }
        else builder.Services.AddSingleton<IRankingStore, DatabaseRankingStore>();
        builder.Services.AddSingleton<RankingQueries>();

        builder.Services.AddJob(VotePushJob.Name, VotePushJob.Define);
        builder.Services.AddJob(VoteAggregationJob.Name, VoteAggregationJob.Define);
        builder.Services.AddJob(RankingPullJob.Name, RankingPullJob.Define);
        var declared = section.Get<RankingOptions>() ?? new RankingOptions();
        foreach (var region in declared.RegionsPushedHere)
            builder.Services.AddJobSchedule($"{VotePushJob.Name}-{region.ToLowerInvariant()}", job: VotePushJob.Name, cron: declared.PushCron,
                parameters: JobParameters.Empty.With(VotePushJob.RegionParameter, region));
        builder.Services.AddJobSchedule(VoteAggregationJob.Name, job: VoteAggregationJob.Name, cron: declared.AggregateCron);
        builder.Services.AddJobSchedule(RankingPullJob.Name, job: RankingPullJob.Name, cron: declared.PullCron);

        builder.Services.AddSingleton<VoteFileWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<VoteFileWatcher>());
        return builder;
    }

    /// <summary>Fails the start-up naming each setting that is wrong.</summary>
    private sealed class RankingOptionsValidation : IValidateOptions<RankingOptions>
    {
        public ValidateOptionsResult Validate(string? name, RankingOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
