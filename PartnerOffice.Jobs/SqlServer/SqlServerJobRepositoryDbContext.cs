using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.SqlServer;

/// <summary>The job tables on SQL Server; a type of its own so that its migrations (<c>SqlServer/Migrations</c>) are its own.</summary>
public sealed class SqlServerJobRepositoryDbContext(DbContextOptions<SqlServerJobRepositoryDbContext> options) : JobRepositoryDbContext(options);

/// <summary>Lets dotnet ef build the context; it scaffolds without connecting.</summary>
internal sealed class SqlServerJobRepositoryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqlServerJobRepositoryDbContext>
{
    public SqlServerJobRepositoryDbContext CreateDbContext(string[] args) =>
        new(new DatabaseConnection(DatabaseProvider.SqlServer, "Server=localhost;Database=PartnerOffice;TrustServerCertificate=True")
            .Configure(new DbContextOptionsBuilder<SqlServerJobRepositoryDbContext>(), JobRepositoryDbContext.MigrationsHistoryTable).Options);
}
