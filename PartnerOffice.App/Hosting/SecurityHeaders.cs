using PartnerOffice.App.Identity;

namespace PartnerOffice.App.Hosting;

/// <summary>
/// Headers every response carries: a Content-Security-Policy the portal works under (scripts only from the portal
/// itself; MudBlazor sets inline styles, so styles may be inline), no MIME sniffing, no referrer beyond the origin,
/// no framing by other sites. API answers and downloaded files are never stored by a cache.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page starts itself with an inline script; it shows no data, only the public document.</summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>Set as the response starts, so error pages written after a failure (which clears headers) carry them too.</summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        if (AuthenticationSetup.IsApiRequest(context.Request)) headers.CacheControl = "no-store";
    }
}
