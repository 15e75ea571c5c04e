using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace PartnerOffice.App.Hosting;

/// <summary><c>PartnerOffice:Proxies</c>: the load balancers or reverse proxies in front of the portal, whose forwarded headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "PartnerOffice:Proxies";

    /// <summary>
    /// Networks (CIDR) of the proxies, e.g. <c>10.0.0.0/8</c>. Requests from them carry the client's address in
    /// <c>X-Forwarded-For</c> (what the audit trail records and the metrics check) and the scheme in <c>X-Forwarded-Proto</c>.
    /// Unset, the headers are ignored: anyone could send them.
    /// </summary>
    public string[]? TrustedNetworks { get; set; }
}

public static class ProxySetup
{
    public static WebApplicationBuilder AddPortalProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection(ProxyOptions.Section))
            .Validate(o => (o.TrustedNetworks ?? []).All(n => IPNetwork.TryParse(n, out _)), $"{ProxyOptions.Section}:TrustedNetworks holds a network that is not CIDR, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies, not the framework's default of loopback.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.TrustedNetworks ?? []) forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address.</summary>
    public static WebApplication UsePortalProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value.TrustedNetworks is { Length: > 0 })
            app.UseForwardedHeaders();
        return app;
    }
}
