using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Jobs.Repository;

/// <summary>
/// Lets dotnet ef build the context (no host and no DI registration of it exist), with the engine's own history
/// table so that <c>dotnet ef database update</c> records its migrations where the product looks for them.
/// </summary>
internal sealed class JobRepositoryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<JobRepositoryDbContext>
{
    public JobRepositoryDbContext CreateDbContext(string[] args) =>
        new(JobRepositoryDbContext.OptionsFor(SqliteDatabase.ConnectionStringFor("partneroffice.db")));
}
