using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace PartnerOffice.App.Rankings;

/// <summary>
/// Readiness of the Redis ranking store (registered only when Redis is configured): the rankings API and page read from
/// it, so a node that cannot reach Redis answers them with errors. Unhealthy while the multiplexer is not connected (it
/// reconnects by itself) or Redis does not answer a PING.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Asked first: a PING while disconnected would wait for the multiplexer's timeout before it failed.
        if (!redis.IsConnected) return HealthCheckResult.Unhealthy($"Not connected to Redis at {Endpoints()}: rankings cannot be read or loaded.");
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Redis answered a PING in {latency.TotalMilliseconds:0.#} ms."));
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis at {Endpoints()} did not answer a PING: rankings cannot be read or loaded.", error);
        }
    }

    private string Endpoints() => string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()));
}
