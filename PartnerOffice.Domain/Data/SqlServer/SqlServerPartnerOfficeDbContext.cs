using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Data.SqlServer;

/// <summary>The business tables on SQL Server; a type of its own so that its migrations (<c>Data/SqlServer/Migrations</c>) are its own.</summary>
public sealed class SqlServerPartnerOfficeDbContext(DbContextOptions<SqlServerPartnerOfficeDbContext> options) : PartnerOfficeDbContext(options);

/// <summary>Lets dotnet ef build the context; it scaffolds without connecting.</summary>
internal sealed class SqlServerPartnerOfficeDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqlServerPartnerOfficeDbContext>
{
    public SqlServerPartnerOfficeDbContext CreateDbContext(string[] args) =>
        (SqlServerPartnerOfficeDbContext)PartnerOfficeDbContext.FactoryFor(
            new DatabaseConnection(DatabaseProvider.SqlServer, "Server=localhost;Database=PartnerOffice;TrustServerCertificate=True")).CreateDbContext();
}
