using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.App.Hosting.DataProtection.PostgreSql;
using PartnerOffice.App.Hosting.DataProtection.SqlServer;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.App.Hosting.DataProtection;

/// <summary>
/// The data protection key ring in the portal's database, so that every node signs cookies and form tokens with the
/// same keys. A context of the portal's own (the business model knows nothing of ASP.NET Core), with its own history
/// table; this type carries the SQLite migrations, each server engine has a subclass in its adapter folder.
/// </summary>
public class DataProtectionKeysDbContext : DbContext, IDataProtectionKeyContext
{
    public const string MigrationsHistoryTable = "__DataProtectionMigrationsHistory";

    public DataProtectionKeysDbContext(DbContextOptions<DataProtectionKeysDbContext> options) : base(options) { }

    protected DataProtectionKeysDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Contexts of the key ring's type for the database (its subclass on a server engine).</summary>
    public static DatabaseContextFactory<DataProtectionKeysDbContext> FactoryFor(DatabaseConnection database) =>
        DatabaseContextFactory<DataProtectionKeysDbContext>.For<PostgreSqlDataProtectionKeysDbContext, SqlServerDataProtectionKeysDbContext>(database,
            MigrationsHistoryTable, o => new DataProtectionKeysDbContext(o), o => new PostgreSqlDataProtectionKeysDbContext(o),
            o => new SqlServerDataProtectionKeysDbContext(o));

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
