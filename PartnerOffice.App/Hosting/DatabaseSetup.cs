using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.App.Hosting;

/// <summary>Which database the portal uses, where it lives, and how it is brought up to date at start-up.</summary>
public static class DatabaseSetup
{
    public const string ProviderKey = $"{PartnerOfficeOptions.Section}:Database:Provider";
    public const string ConnectionName = "PartnerOffice";

    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{PartnerOfficeOptions.Section}:DataDirectory"] ?? "data";
        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
    }

    /// <summary>
    /// <c>PartnerOffice:Database:Provider</c> (Sqlite, the default, PostgreSql or SqlServer) and
    /// <c>ConnectionStrings:PartnerOffice</c>; SQLite without a connection string uses a file in the data directory.
    /// </summary>
    /// <exception cref="InvalidDatabaseSettingException">An unknown provider, or a server engine without a connection string.</exception>
    public static DatabaseConnection ResolveDatabase(IConfiguration configuration, IHostEnvironment environment)
    {
        var providerText = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText)
            && (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider)))
            throw new InvalidDatabaseSettingException(
                $"{ProviderKey} is '{providerText}'; it must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured)) return new DatabaseConnection(provider, configured);
        if (provider != DatabaseProvider.Sqlite)
            throw new InvalidDatabaseSettingException($"{ProviderKey} is {provider}: set ConnectionStrings:{ConnectionName} to the server's connection string.");
        var directory = ResolveDataDirectory(configuration, environment);
        Directory.CreateDirectory(directory);
        return DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor(Path.Combine(directory, "partneroffice.db")));
    }

    /// <summary>The database, its contexts (the factory, and one per scope for the health check) for every part of the portal.</summary>
    public static IHostApplicationBuilder AddPartnerOfficeDatabase(this IHostApplicationBuilder builder)
    {
        var database = ResolveDatabase(builder.Configuration, builder.Environment);
        var contexts = PartnerOfficeDbContext.FactoryFor(database);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<IDbContextFactory<PartnerOfficeDbContext>>(contexts);
        builder.Services.AddScoped(_ => contexts.CreateDbContext());
        return builder;
    }

    /// <summary>
    /// Applies pending migrations and, where configured, seeds the demo data into an empty database. A database made by
    /// another version is refused with an <see cref="IncompatibleDatabaseException"/> that says what to do.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var database = services.GetRequiredService<DatabaseConnection>();
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
            .LogInformation("Migrating the database {Database}", database);
        database.PrepareForMigrations();
        await using (var db = await services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>().CreateDbContextAsync(cancellationToken))
            await db.Database.MigrateOrRefuseAsync(database, cancellationToken);
        foreach (var migrator in services.GetServices<IDatabaseMigrator>())
            await migrator.MigrateAsync(cancellationToken);

        var options = services.GetRequiredService<IOptions<PartnerOfficeOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (options.SeedDemoData ?? environment.IsDevelopment())
            await services.GetRequiredService<DemoDataStartup>().SeedIfEmptyAsync(cancellationToken);
    }
}

/// <summary>Lets other parts (the job engine's repository) bring their own tables up to date at start-up.</summary>
public interface IDatabaseMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>The database settings name no database the portal can use; the message names the setting.</summary>
public sealed class InvalidDatabaseSettingException(string message) : Exception(message);
