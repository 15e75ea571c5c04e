using PartnerOffice.Jobs.Launching;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.App.Hosting;

/// <summary>The job engine in the portal's process: its repository shares the portal's database, in tables of its own.</summary>
public static class JobEngineSetup
{
    public const string Section = "PartnerOffice:Jobs";

    public static IHostApplicationBuilder AddPartnerOfficeJobEngine(this IHostApplicationBuilder builder)
    {
        var database = DatabaseSetup.ResolveDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddJobEngine(options =>
        {
            builder.Configuration.GetSection(Section).Bind(options);
            options.Provider = database.Provider;
            options.ConnectionString = database.ConnectionString;
        });
        builder.Services.AddSingleton<IDatabaseMigrator, JobRepositoryMigrator>();
        return builder;
    }

    private sealed class JobRepositoryMigrator(JobRepository repository) : IDatabaseMigrator
    {
        public Task MigrateAsync(CancellationToken cancellationToken) => repository.MigrateAsync(cancellationToken);
    }
}
