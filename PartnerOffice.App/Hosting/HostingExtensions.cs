using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection;
using PartnerOffice.App.Api;
using PartnerOffice.App.Identity;
using PartnerOffice.App.Localization;
using PartnerOffice.Data;
using Radzen;

namespace PartnerOffice.App.Hosting;

/// <summary>Everything Program.cs wires up, one extension method per side.</summary>
public static class HostingExtensions
{
    public const string HealthPath = "/healthz";

    public static WebApplicationBuilder AddPartnerOfficeServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PartnerOfficeOptions>().Bind(builder.Configuration.GetSection(PartnerOfficeOptions.Section))
            .Validate(o => o.DemoOrders >= 0, $"{PartnerOfficeOptions.Section}:DemoOrders must be 0 or more.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System); // tests put a settable clock in first
        builder.AddPartnerOfficeDatabase();
        builder.AddPartnerOfficeJobEngine();
        builder.AddPartnerOfficeExports();
        builder.Services.AddSingleton<DemoDataStartup>();
        // Keys in the data directory: sign-in cookies and form tokens survive a restart or a new container.
        builder.Services.AddDataProtection().SetApplicationName("PartnerOffice")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DatabaseSetup.ResolveDataDirectory(builder.Configuration, builder.Environment), "keys")));

        builder.AddPortalAuthentication();
        builder.AddPortalLocalization();
        builder.AddPortalApi();
        builder.Services.AddHealthChecks().AddDbContextCheck<PartnerOfficeDbContext>("database");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        return builder;
    }

    public static WebApplication MapPartnerOffice(this WebApplication app)
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // A bare error status becomes the friendly status page, except under /api, where the inner middleware
        // writes problem details first. (Re-execution needs the app's own router, so it cannot sit in a branch.)
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseWhen(context => AuthenticationSetup.IsApiRequest(context.Request), api => api.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapCultureSwitch();
        app.MapAccountEndpoints();
        app.MapApi()
            .MapAccountApi()
            .MapAdminApi()
            .MapExportsApi();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
