using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PartnerOffice.Jobs.Database;

/// <summary>
/// Makes a context for one of the product's databases. A context has a subclass per server engine (in that engine's
/// adapter folder) because EF Core tells migrations apart by context type: the base type carries SQLite's. Options
/// for contexts on connections of their own are built once.
/// </summary>
public sealed class DatabaseContextFactory<TContext> : IDbContextFactory<TContext> where TContext : DbContext
{
    private readonly DatabaseConnection database;
    private readonly Func<DbConnection?, DbContextOptions> optionsOn;
    private readonly Func<DbContextOptions, TContext> create;
    private readonly DbContextOptions shared;

    private DatabaseContextFactory(DatabaseConnection database, Func<DbConnection?, DbContextOptions> optionsOn, Func<DbContextOptions, TContext> create)
    {
        this.database = database;
        this.optionsOn = optionsOn;
        this.create = create;
        shared = optionsOn(null);
    }

    /// <param name="sqlite">The base type's constructor.</param>
    /// <param name="postgreSql">The PostgreSQL subclass's constructor.</param>
    /// <param name="sqlServer">The SQL Server subclass's constructor.</param>
    public static DatabaseContextFactory<TContext> For<TPostgreSql, TSqlServer>(DatabaseConnection database, string migrationsHistoryTable,
        Func<DbContextOptions<TContext>, TContext> sqlite, Func<DbContextOptions<TPostgreSql>, TPostgreSql> postgreSql,
        Func<DbContextOptions<TSqlServer>, TSqlServer> sqlServer)
        where TPostgreSql : TContext where TSqlServer : TContext => database.Provider switch
    {
        DatabaseProvider.Sqlite => new(database, c => database.Configure(new DbContextOptionsBuilder<TContext>(), migrationsHistoryTable, c).Options,
            o => sqlite((DbContextOptions<TContext>)o)),
        DatabaseProvider.PostgreSql => new(database, c => database.Configure(new DbContextOptionsBuilder<TPostgreSql>(), migrationsHistoryTable, c).Options,
            o => postgreSql((DbContextOptions<TPostgreSql>)o)),
        DatabaseProvider.SqlServer => new(database, c => database.Configure(new DbContextOptionsBuilder<TSqlServer>(), migrationsHistoryTable, c).Options,
            o => sqlServer((DbContextOptions<TSqlServer>)o)),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database.Provider, null),
    };

    public DatabaseConnection Database => database;

    /// <summary>A context on a connection of its own.</summary>
    public TContext CreateDbContext() => create(shared);

    /// <summary>A context on an open connection (to write in a transaction begun on it).</summary>
    public TContext CreateDbContext(DbConnection connection) => create(optionsOn(connection));
}
