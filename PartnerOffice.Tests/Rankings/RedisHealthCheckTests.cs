using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PartnerOffice.App.Hosting;
using PartnerOffice.App.Rankings;
using PartnerOffice.Data;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Rankings;

/// <summary>With Redis as the ranking store, a node is ready only while Redis answers; without Redis there is no such check.</summary>
public sealed class RedisHealthCheckTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    /// <summary>A loopback port nothing listens on, and a short connect timeout so the test does not wait for the default 5 s.</summary>
    private static string DeadRedis() => $"127.0.0.1:{LoopbackPort.Free()},connectTimeout=500";

    private static async Task<HealthReport> ReadinessAsync(string? redisConnection)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redisConnection });
        builder.Services.AddDbContextFactory<PartnerOfficeDbContext>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks(); // the portal's own checks are added beside the rankings'
        builder.AddPartnerOfficeRankings();
        using var host = builder.Build();
        return await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(HostingExtensions.ReadyTag));
    }

    [Fact]
    public async Task Redis_is_a_readiness_check_healthy_while_the_server_answers_and_unhealthy_on_a_dead_port()
    {
        var live = await ReadinessAsync(redis.ConnectionString);
        var dead = await ReadinessAsync(DeadRedis());

        var answered = live.Entries[RedisHealthCheck.Name];
        Assert.Equal(HealthStatus.Healthy, answered.Status);
        Assert.StartsWith("Redis answered a PING in", answered.Description);
        var refused = dead.Entries[RedisHealthCheck.Name];
        Assert.Equal(HealthStatus.Unhealthy, refused.Status);
        Assert.Contains("Redis at 127.0.0.1:", refused.Description);
    }

    [Fact]
    public async Task Without_redis_configured_there_is_no_redis_check()
    {
        var report = await ReadinessAsync(null);
        Assert.False(report.Entries.ContainsKey(RedisHealthCheck.Name));
    }

    [Fact]
    public async Task The_portal_is_ready_with_its_redis_and_not_ready_but_alive_when_redis_is_gone()
    {
        await using var withRedis = await PortalHost.StartAsync(b => b.Configuration["ConnectionStrings:Redis"] = redis.ConnectionString);
        await using var deadRedis = await PortalHost.StartAsync(b => b.Configuration["ConnectionStrings:Redis"] = DeadRedis());
        using var ready = withRedis.CreateClient();
        using var unready = deadRedis.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await ready.GetAsync("healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await unready.GetAsync("healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unready.GetAsync("healthz/live")).StatusCode);
    }
}
