using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.App.Hosting.DataProtection.PostgreSql;

/// <summary>The key ring on PostgreSQL; a type of its own so that its migrations (<c>PostgreSql/Migrations</c>) are its own.</summary>
public sealed class PostgreSqlDataProtectionKeysDbContext(DbContextOptions<PostgreSqlDataProtectionKeysDbContext> options) : DataProtectionKeysDbContext(options);

/// <summary>Lets dotnet ef build the context; it scaffolds without connecting.</summary>
internal sealed class PostgreSqlDataProtectionKeysDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlDataProtectionKeysDbContext>
{
    public PostgreSqlDataProtectionKeysDbContext CreateDbContext(string[] args) =>
        (PostgreSqlDataProtectionKeysDbContext)DataProtectionKeysDbContext.FactoryFor(
            new DatabaseConnection(DatabaseProvider.PostgreSql, "Host=localhost;Database=partneroffice")).CreateDbContext();
}
