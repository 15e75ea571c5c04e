using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PartnerOffice.App.Identity;

namespace PartnerOffice.App.Api;

/// <summary><c>PartnerOffice:Exports:RateLimit</c>: how many exports one partner may request through the API per window.</summary>
public sealed class ExportRequestLimitOptions
{
    public const string Section = "PartnerOffice:Exports:RateLimit";

    [Range(1, 100_000)] public int PermitsPerWindow { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// One script must not flood the queue: export requests through the API are counted per partner (an admin's per
/// user) in a fixed window; past the limit the answer is 429 with Retry-After, and nothing is stored.
/// </summary>
public static class ExportRequestLimits
{
    public const string Policy = "export-requests";

    public static WebApplicationBuilder AddExportRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExportRequestLimitOptions>().BindConfiguration(ExportRequestLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExportRequestLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http.User), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitsPerWindow,
                    Window = options.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = $"Too many export requests for your partner; try again in {seconds} s." },
                });
            };
        });
        return builder;
    }

    private static string PartitionOf(ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaims.PartnerId) is { } partner ? $"partner:{partner}" : $"user:{user.FindFirstValue(ClaimTypes.NameIdentifier)}";
}
