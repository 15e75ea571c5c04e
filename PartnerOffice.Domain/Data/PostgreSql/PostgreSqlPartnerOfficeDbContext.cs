using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Data.PostgreSql;

/// <summary>The business tables on PostgreSQL; a type of its own so that its migrations (<c>Data/PostgreSql/Migrations</c>) are its own.</summary>
public sealed class PostgreSqlPartnerOfficeDbContext(DbContextOptions<PostgreSqlPartnerOfficeDbContext> options) : PartnerOfficeDbContext(options);

/// <summary>Lets dotnet ef build the context; it scaffolds without connecting.</summary>
internal sealed class PostgreSqlPartnerOfficeDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlPartnerOfficeDbContext>
{
    public PostgreSqlPartnerOfficeDbContext CreateDbContext(string[] args) =>
        (PostgreSqlPartnerOfficeDbContext)PartnerOfficeDbContext.FactoryFor(
            new DatabaseConnection(DatabaseProvider.PostgreSql, "Host=localhost;Database=partneroffice")).CreateDbContext();
}
