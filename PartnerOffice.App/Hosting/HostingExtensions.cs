using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PartnerOffice.App.Api;
using PartnerOffice.App.Hosting.DataProtection;
using PartnerOffice.App.Identity;
using PartnerOffice.App.Localization;
using PartnerOffice.Data;
using MudBlazor;
using MudBlazor.Services;

namespace PartnerOffice.App.Hosting;

/// <summary>Everything Program.cs wires up, one extension method per side.</summary>
public static class HostingExtensions
{
    public const string HealthPath = "/healthz";
    /// <summary>The tag of the checks <c>/healthz/ready</c> runs: what a node needs to serve traffic.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddPartnerOfficeServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PartnerOfficeOptions>().Bind(builder.Configuration.GetSection(PartnerOfficeOptions.Section))
            .Validate(o => o.DemoOrders >= 0, $"{PartnerOfficeOptions.Section}:DemoOrders must be 0 or more.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                $"{PartnerOfficeOptions.Section}:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System); // tests put a settable clock in first
        // A redirect's log line holds its target, and a download's target is a presigned S3 URL: a credential until it
        // expires. The rule is more specific than any "Microsoft.AspNetCore" level an operator sets, so it holds then too.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result.RedirectResult", LogLevel.Warning);
        // Outside Development, one JSON object a line: values keep their names for the log store, and a line break in a
        // value someone sent (a path, an e-mail) is escaped, so it cannot forge a log line of its own.
        if (!builder.Environment.IsDevelopment())
            builder.Logging.AddJsonConsole(o => (o.UseUtcTimestamp, o.TimestampFormat) = (true, "yyyy-MM-ddTHH:mm:ss.fffZ"));
        builder.AddPartnerOfficeDatabase();
        builder.AddPartnerOfficeJobEngine();
        builder.AddPartnerOfficeExports();
        builder.AddPartnerOfficeAudit();
        builder.AddPartnerOfficeMembers();
        builder.AddPartnerOfficeRankings();
        builder.AddPartnerOfficeAlerts();
        builder.AddPartnerOfficeIngest();
        builder.Services.AddSingleton<DemoDataStartup>();
        builder.AddPortalDataProtection();

        builder.AddPortalAuthentication();
        builder.AddPortalLocalization();
        builder.AddPortalApi();
        builder.AddPortalMetrics();
        builder.AddPortalProxies();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PartnerOfficeDbContext>("database", tags: [ReadyTag])
            .AddCheck<DiskSpaceHealthCheck>("disk", tags: [ReadyTag]);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Toasts stack in the bottom-right corner, clear of the forms at the top of each page.
        builder.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.PreventDuplicates = false;
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 4;
        });
        return builder;
    }

    public static WebApplication MapPartnerOffice(this WebApplication app)
    {
        app.UsePortalProxies();
        app.UsePortalSecurityHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // A bare error status becomes the friendly status page, except under /api, where the inner middleware
        // writes problem details first. (Re-execution needs the app's own router, so it cannot sit in a branch.) A scope
        // of its own, because a page that answers 404 itself (an unknown execution) has used the request's navigation manager.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseWhen(context => AuthenticationSetup.IsApiRequest(context.Request), api => api.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        // For orchestrators: live while the process answers at all (restart it otherwise); ready while it can serve
        // (route no traffic to it otherwise).
        app.MapHealthChecks(HealthPath + "/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(HealthPath + "/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapPortalMetrics();
        app.MapCultureSwitch();
        app.MapAccountEndpoints();
        app.MapApi()
            .MapAccountApi()
            .MapAdminApi()
            .MapExportsApi()
            .MapRankingsApi();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
