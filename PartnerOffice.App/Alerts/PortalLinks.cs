using Microsoft.Extensions.Options;
using PartnerOffice.App.Hosting;

namespace PartnerOffice.App.Alerts;

/// <summary>Links to portal pages for messages read outside the portal (alerts), absolute when the portal's public address is known.</summary>
public sealed class PortalLinks(IOptions<PartnerOfficeOptions> options)
{
    public static Uri Execution(long executionId) => new($"/jobs/{executionId}", UriKind.Relative);

    /// <summary>A relative link made absolute against <see cref="PartnerOfficeOptions.PublicBaseUrl"/>; left relative when that is unset.</summary>
    public Uri Resolve(Uri link)
    {
        if (link.IsAbsoluteUri || string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return link;
        var baseUrl = new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/");
        return new Uri(baseUrl, link.OriginalString.TrimStart('/'));
    }
}
