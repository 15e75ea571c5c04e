using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Data.Sqlite;

/// <summary>
/// Lets dotnet ef build the SQLite context from this class library, which has no host to ask for it. Scaffolding and
/// the model check never open the database; <c>dotnet ef database update</c> would use a file in the current folder.
/// </summary>
internal sealed class PartnerOfficeDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerOfficeDbContext>
{
    public PartnerOfficeDbContext CreateDbContext(string[] args) =>
        PartnerOfficeDbContext.FactoryFor(DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor("partneroffice.db"))).CreateDbContext();
}
