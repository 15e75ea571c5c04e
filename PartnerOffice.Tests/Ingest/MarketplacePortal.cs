using Microsoft.AspNetCore.Builder;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>A loopback marketplace and a portal whose ingest points at it; by default no follow-up worker runs in the portal.</summary>
public sealed class MarketplacePortal : IAsyncDisposable
{
    private MarketplacePortal(FakeMarketplace marketplace, PortalHost portal) => (Marketplace, Portal) = (marketplace, portal);

    public FakeMarketplace Marketplace { get; }
    public PortalHost Portal { get; }

    /// <param name="followUpConcurrency">The portal's own follow-up worker; 0 leaves follow-ups to the test.</param>
    /// <param name="configure">Further settings or services of the test.</param>
    public static async Task<MarketplacePortal> StartAsync(int followUpConcurrency = 0, Action<WebApplicationBuilder>? configure = null)
    {
        var marketplace = await FakeMarketplace.StartAsync();
        var portal = await PortalHost.StartAsync(builder =>
        {
            builder.Configuration["PartnerOffice:Ingest:BaseUrl"] = marketplace.BaseAddress.ToString();
            builder.Configuration["PartnerOffice:Ingest:FollowUpConcurrency"] = followUpConcurrency.ToString();
            configure?.Invoke(builder);
        });
        return new MarketplacePortal(marketplace, portal);
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Marketplace.DisposeAsync();
    }
}
