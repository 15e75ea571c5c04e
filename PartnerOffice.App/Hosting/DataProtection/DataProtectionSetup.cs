using Microsoft.AspNetCore.DataProtection;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.App.Hosting.DataProtection;

/// <summary>
/// Data protection with its key ring in the portal's database: a sign-in cookie or a form token made by one node is
/// accepted by every other node on the same database, and survives a restart or a new container.
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Isolates the portal's payloads from other apps' that might share the key ring; changing it signs everyone out.</summary>
    public const string ApplicationName = "PartnerOffice";

    public static IHostApplicationBuilder AddPortalDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPortalDataProtection(DatabaseSetup.ResolveDatabase(builder.Configuration, builder.Environment));
        return builder;
    }

    internal static IServiceCollection AddPortalDataProtection(this IServiceCollection services, DatabaseConnection database)
    {
        var contexts = DataProtectionKeysDbContext.FactoryFor(database);
        // PersistKeysToDbContext resolves the context from a scope of its own: this one is of the configured engine's type.
        services.AddScoped(_ => contexts.CreateDbContext());
        services.AddSingleton<IDatabaseMigrator>(new KeyRingMigrator(contexts));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<DataProtectionKeysDbContext>();
        return services;
    }

    private sealed class KeyRingMigrator(DatabaseContextFactory<DataProtectionKeysDbContext> contexts) : IDatabaseMigrator
    {
        public async Task MigrateAsync(CancellationToken cancellationToken)
        {
            await using var db = contexts.CreateDbContext();
            await db.Database.MigrateOrRefuseAsync(contexts.Database, cancellationToken);
        }
    }
}
