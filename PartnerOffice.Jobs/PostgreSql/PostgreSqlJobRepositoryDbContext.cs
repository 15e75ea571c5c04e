using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Repository;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>The job tables on PostgreSQL; a type of its own so that its migrations (<c>PostgreSql/Migrations</c>) are its own.</summary>
public sealed class PostgreSqlJobRepositoryDbContext(DbContextOptions<PostgreSqlJobRepositoryDbContext> options) : JobRepositoryDbContext(options);

/// <summary>Lets dotnet ef build the context; it scaffolds without connecting.</summary>
internal sealed class PostgreSqlJobRepositoryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlJobRepositoryDbContext>
{
    public PostgreSqlJobRepositoryDbContext CreateDbContext(string[] args) =>
        new(new DatabaseConnection(DatabaseProvider.PostgreSql, "Host=localhost;Database=partneroffice")
            .Configure(new DbContextOptionsBuilder<PostgreSqlJobRepositoryDbContext>(), JobRepositoryDbContext.MigrationsHistoryTable).Options);
}
