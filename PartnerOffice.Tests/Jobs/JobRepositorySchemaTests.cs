using PartnerOffice.Jobs.Database;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Jobs;

public class JobRepositorySchemaTests
{
    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model()
    {
        using var temp = new TempDirectory();
        var migrated = SqliteDatabase.ConnectionStringFor(temp.File("migrated.db"));
        var created = SqliteDatabase.ConnectionStringFor(temp.File("created.db"));

        using (var repository = new JobRepository(DatabaseConnection.Sqlite(migrated), TimeProvider.System))
        {
            await repository.MigrateAsync();
            // The model snapshot matches the model: `dotnet ef migrations add` would scaffold nothing.
            await using var db = repository.CreateContext();
            Assert.False(db.Database.HasPendingModelChanges());
        }
        using (var repository = new JobRepository(DatabaseConnection.Sqlite(created), TimeProvider.System))
        await using (var db = repository.CreateContext())
            await db.Database.EnsureCreatedAsync();

        var expected = SqliteSchema.Describe(created);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, SqliteSchema.Describe(migrated, JobRepositoryDbContext.MigrationsHistoryTable));
    }

    [Fact]
    public async Task Business_and_job_tables_share_one_file_with_separate_migration_histories()
    {
        using var temp = new TempDirectory();
        var connectionString = SqliteDatabase.ConnectionStringFor(temp.File("shared.db"));

        await using (var business = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(connectionString).Options))
            await business.Database.MigrateAsync();
        using (var repository = new JobRepository(DatabaseConnection.Sqlite(connectionString), TimeProvider.System))
            await repository.MigrateAsync();

        var tables = SqliteSchema.Describe(connectionString).Select(line => line.Split('.', ' ')[0]).ToHashSet();
        Assert.Contains("Partners", tables);
        Assert.Contains("JobExecutions", tables);
        Assert.Contains(JobRepositoryDbContext.MigrationsHistoryTable, tables);
    }

    [Fact]
    public async Task Job_tables_of_the_previous_version_are_refused_with_what_to_do()
    {
        using var temp = new TempDirectory();
        var file = temp.File("previous.db");
        var connectionString = SqliteDatabase.ConnectionStringFor(file);
        PreviousVersionDatabase.CreateJobSide(connectionString);

        using var repository = new JobRepository(DatabaseConnection.Sqlite(connectionString), TimeProvider.System);
        var refused = await Assert.ThrowsAsync<IncompatibleDatabaseException>(() => repository.MigrateAsync());

        Assert.Contains(file, refused.Message);
        Assert.Contains("Move or delete that file", refused.Message);
        Assert.Equal(PreviousVersionDatabase.JobMigrations, refused.UnknownMigrations);
        Assert.Equal(PreviousVersionDatabase.JobMigrations,
            PreviousVersionDatabase.History(connectionString, JobRepositoryDbContext.MigrationsHistoryTable));
    }
}
