using Microsoft.AspNetCore.Identity;
using PartnerOffice.App.Identity;
using PartnerOffice.Identity;

namespace PartnerOffice.App.Hosting;

/// <summary>Everything Program.cs wires up, one extension method per side.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddPartnerOfficeServices(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PartnerOfficeOptions>(builder.Configuration.GetSection(PartnerOfficeOptions.Section));
        builder.Services.Configure<Identity.IdentityOptions>(builder.Configuration.GetSection(Identity.IdentityOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPartnerOfficeDatabase();

        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddSingleton<DemoDataStartup>();
        return builder;
    }

    public static WebApplication MapPartnerOffice(this WebApplication app)
    {
        return app;
    }
}
