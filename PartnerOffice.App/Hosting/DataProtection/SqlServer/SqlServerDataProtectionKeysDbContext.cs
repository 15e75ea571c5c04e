using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.App.Hosting.DataProtection.SqlServer;

/// <summary>The key ring on SQL Server; a type of its own so that its migrations (<c>SqlServer/Migrations</c>) are its own.</summary>
public sealed class SqlServerDataProtectionKeysDbContext(DbContextOptions<SqlServerDataProtectionKeysDbContext> options) : DataProtectionKeysDbContext(options);

/// <summary>Lets dotnet ef build the context; it scaffolds without connecting.</summary>
internal sealed class SqlServerDataProtectionKeysDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqlServerDataProtectionKeysDbContext>
{
    public SqlServerDataProtectionKeysDbContext CreateDbContext(string[] args) =>
        (SqlServerDataProtectionKeysDbContext)DataProtectionKeysDbContext.FactoryFor(
            new DatabaseConnection(DatabaseProvider.SqlServer, "Server=localhost;Database=PartnerOffice;TrustServerCertificate=True")).CreateDbContext();
}
