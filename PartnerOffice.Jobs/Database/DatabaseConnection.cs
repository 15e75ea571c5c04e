using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnerOffice.Jobs.PostgreSql;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Jobs.SqlServer;

namespace PartnerOffice.Jobs.Database;

/// <summary>
/// One of the product's databases: which engine, and where. Every context and every raw connection of the product is
/// made from one, so the business tables and the job repository are always configured alike; what only one engine
/// needs stays in its adapter folder (<c>Sqlite/</c>, <c>PostgreSql/</c>, <c>SqlServer/</c>).
/// </summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseConnection Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    /// <summary>The database a context is configured for (to open plain connections beside it).</summary>
    public static DatabaseConnection Of(DatabaseFacade database)
    {
        var provider = database.IsSqlite() ? DatabaseProvider.Sqlite
            : database.IsNpgsql() ? DatabaseProvider.PostgreSql
            : database.IsSqlServer() ? DatabaseProvider.SqlServer
            : throw new NotSupportedException($"The product does not run on {database.ProviderName}.");
        return new DatabaseConnection(provider, database.GetConnectionString()
            ?? throw new InvalidOperationException("The context has no connection string."));
    }

    /// <summary>Points a context at this database, with its own migrations history table.</summary>
    public DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> options, string migrationsHistoryTable)
        where TContext : DbContext =>
        Configure(options, migrationsHistoryTable, connection: null);

    /// <summary>Points a context at an open connection of this database (to write in a transaction begun on it).</summary>
    public DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> options, string migrationsHistoryTable, DbConnection? connection)
        where TContext : DbContext
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite: SqliteDatabase.Configure(options, ConnectionString, migrationsHistoryTable, connection); break;
            case DatabaseProvider.PostgreSql: PostgreSqlDatabase.Configure(options, ConnectionString, migrationsHistoryTable, connection); break;
            case DatabaseProvider.SqlServer: SqlServerDatabase.Configure(options, ConnectionString, migrationsHistoryTable, connection); break;
            default: throw new ArgumentOutOfRangeException(nameof(Provider), Provider, null);
        }
        return options;
    }

    /// <summary>
    /// The same database, for connections that stream large results (an export's partitions): on PostgreSQL with a
    /// larger read buffer (<see cref="PostgreSqlDatabase.ForBulkReads"/>); elsewhere as it is.
    /// </summary>
    public DatabaseConnection ForBulkReads() =>
        Provider == DatabaseProvider.PostgreSql ? this with { ConnectionString = PostgreSqlDatabase.ForBulkReads(ConnectionString) } : this;

    /// <summary>A new, open connection with the product's settings (SQLite's busy handler, for one).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => Provider switch
    {
        DatabaseProvider.Sqlite => await SqliteDatabase.OpenAsync(ConnectionString, cancellationToken),
        DatabaseProvider.PostgreSql => await OpenAsync(PostgreSqlDatabase.Create(ConnectionString), cancellationToken),
        DatabaseProvider.SqlServer => await OpenAsync(SqlServerDatabase.Create(ConnectionString), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(Provider), Provider, null),
    };

    private static async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Settles what must be set once, before the first migration (SQLite's write-ahead log).</summary>
    public void PrepareForMigrations()
    {
        if (Provider == DatabaseProvider.Sqlite) SqliteDatabase.EnableWriteAheadLog(ConnectionString);
    }

    /// <summary>Where the database is, for logs and messages: a file, or a server and database name; never a password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => SqliteDatabase.Describe(ConnectionString),
        DatabaseProvider.PostgreSql => PostgreSqlDatabase.Describe(ConnectionString),
        DatabaseProvider.SqlServer => SqlServerDatabase.Describe(ConnectionString),
        _ => Provider.ToString(),
    };

    // The connection string may hold a password: records print every property, so this one prints only where it points.
    public override string ToString() => $"{Provider} {Describe()}";
}
