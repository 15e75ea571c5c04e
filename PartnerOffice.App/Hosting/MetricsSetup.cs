using System.Net;
using OpenTelemetry.Metrics;
using PartnerOffice.App.Identity;
using PartnerOffice.Identity;
using PartnerOffice.Jobs.Launching;

namespace PartnerOffice.App.Hosting;

/// <summary><c>PartnerOffice:Metrics</c>: who may read the Prometheus endpoint without signing in.</summary>
public sealed class MetricsOptions
{
    public const string Section = "PartnerOffice:Metrics";

    /// <summary>Networks (CIDR) whose scrapers need no token, e.g. <c>10.0.0.0/8</c>; this machine alone when unset. Admins are let in from anywhere.</summary>
    public string[]? AllowedNetworks { get; set; }

    public IReadOnlyList<IPNetwork> Networks => [.. (AllowedNetworks ?? ["127.0.0.1/32", "::1/128"]).Select(IPNetwork.Parse)];
}

/// <summary>The engine's and the web server's metrics on a Prometheus endpoint, <c>/metrics</c>.</summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";
    private const string ReadersPolicy = "MetricsReaders";

    public static WebApplicationBuilder AddPortalMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section))
            .Validate(o => (o.AllowedNetworks ?? []).All(n => IPNetwork.TryParse(n, out _)), $"{MetricsOptions.Section}:AllowedNetworks holds a network that is not CIDR, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(JobEngineServiceCollectionExtensions.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReadersPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(nameof(UserRole.Admin))
            || (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address
                && http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.Networks
                    .Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)))));
        return builder;
    }

    public static WebApplication MapPortalMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(ReadersPolicy);
        return app;
    }
}
