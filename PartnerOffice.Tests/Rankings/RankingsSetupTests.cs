using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Rankings;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Rankings;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Rankings;

/// <summary>How the portal sets the ranking up from its configuration: the store it picks, the schedules, the settings it refuses.</summary>
public sealed class RankingsSetupTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDbContextFactory<PartnerOfficeDbContext>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPartnerOfficeRankings();
        return builder.Build();
    }

    [Fact]
    public void With_a_redis_connection_string_rankings_go_to_redis_and_to_the_database_without_one()
    {
        using var withRedis = Build(new() { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var without = Build([]);

        Assert.IsType<RedisRankingStore>(withRedis.Services.GetRequiredService<IRankingStore>());
        Assert.IsType<DatabaseRankingStore>(without.Services.GetRequiredService<IRankingStore>());
    }

    [Fact]
    public void Each_pushed_region_gets_a_push_schedule_and_configured_regions_replace_the_default_ones()
    {
        using var host = Build(new() { [$"{RankingOptions.Section}:Regions:0"] = "EU", [$"{RankingOptions.Section}:Regions:1"] = "KR",
            [$"{RankingOptions.Section}:PushRegions:0"] = "KR" });

        Assert.Equal(["EU", "KR"], host.Services.GetRequiredService<IOptions<RankingOptions>>().Value.AllRegions);
        var schedules = host.Services.GetServices<JobScheduleDeclaration>().ToList();
        Assert.Equal(["ranking-pull", "vote-aggregate", "vote-push-kr"], schedules.Select(s => s.Name).Order());
        Assert.Equal("KR", schedules.Single(s => s.JobName == VotePushJob.Name).Parameters.GetString(VotePushJob.RegionParameter));
    }

    [Fact]
    public void Regions_that_cannot_be_region_codes_or_pushed_regions_not_among_them_are_refused_by_name()
    {
        using var host = Build(new() { [$"{RankingOptions.Section}:Regions:0"] = "kr", [$"{RankingOptions.Section}:PushRegions:0"] = "JP" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RankingOptions>>().Value);
        Assert.Contains("'kr' is not a region code", error.Message);
        Assert.Contains("PushRegions: 'JP' is not one of the regions", error.Message);
    }
}
