using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.App.Hosting.DataProtection.Sqlite;

/// <summary>Lets dotnet ef build the SQLite context, with the key ring's own history table.</summary>
internal sealed class DataProtectionKeysDesignTimeDbContextFactory : IDesignTimeDbContextFactory<DataProtectionKeysDbContext>
{
    public DataProtectionKeysDbContext CreateDbContext(string[] args) =>
        DataProtectionKeysDbContext.FactoryFor(DatabaseConnection.Sqlite(SqliteDatabase.ConnectionStringFor("partneroffice.db"))).CreateDbContext();
}
