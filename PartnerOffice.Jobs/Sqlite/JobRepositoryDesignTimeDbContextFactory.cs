using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.Sqlite;

/// <summary>
/// Lets dotnet ef build the SQLite context (no host and no DI registration of it exist), with the engine's own history
/// table so that <c>dotnet ef database update</c> records its migrations where the product looks for them.
/// </summary>
internal sealed class JobRepositoryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<JobRepositoryDbContext>
{
    public JobRepositoryDbContext CreateDbContext(string[] args) =>
        new(DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor("partneroffice.db"))
            .Configure(new DbContextOptionsBuilder<JobRepositoryDbContext>(), JobRepositoryDbContext.MigrationsHistoryTable).Options);
}
