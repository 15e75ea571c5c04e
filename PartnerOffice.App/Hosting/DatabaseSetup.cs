using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.App.Hosting;

/// <summary>Where the database lives and how it is brought up to date at start-up.</summary>
public static class DatabaseSetup
{
    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{PartnerOfficeOptions.Section}:DataDirectory"] ?? "data";
        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
    }

    /// <summary><c>ConnectionStrings:PartnerOffice</c> wins; otherwise a file in the data directory.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("PartnerOffice");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var directory = ResolveDataDirectory(configuration, environment);
        Directory.CreateDirectory(directory);
        return SqliteDatabase.ConnectionStringFor(Path.Combine(directory, "partneroffice.db"));
    }

    public static IHostApplicationBuilder AddPartnerOfficeDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = ResolveConnectionString(builder.Configuration, builder.Environment);
        builder.Services.AddDbContextFactory<PartnerOfficeDbContext>(o => o.UsePartnerOfficeSqlite(connectionString));
        return builder;
    }

    /// <summary>
    /// Applies pending migrations and, where configured, seeds the demo data into an empty database. A database made by
    /// another version is refused with an <see cref="IncompatibleDatabaseException"/> that says what to do.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var factory = services.GetRequiredService<IDbContextFactory<PartnerOfficeDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var connectionString = db.Database.GetConnectionString()!;
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
                .LogInformation("Migrating the database at {Database}", new SqliteConnectionStringBuilder(connectionString).DataSource);
            SqliteDatabase.EnableWriteAheadLog(connectionString);
            await db.Database.MigrateOrRefuseAsync(cancellationToken);
        }
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
