using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SQLitePCL;

namespace PartnerOffice.Jobs.Sqlite;

/// <summary>
/// How every context of the product opens the embedded SQLite database: one place for the connection
/// settings, so the business context and the job repository cannot drift apart.
/// </summary>
public static class SqliteDatabase
{
    /// <summary>The connection string for a database file, with a busy timeout so writers wait rather than fail.</summary>
    public static string ConnectionStringFor(string databaseFile) => new SqliteConnectionStringBuilder
    {
        DataSource = databaseFile,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>A new private in-memory database, alive while the returned connection stays open.</summary>
    internal static SqliteConnection OpenInMemory()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = $"jobs-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Opens a connection of the product's (see <see cref="WaitWhenBusy"/>).</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            WaitWhenBusy(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Arms SQLite's own busy handler for the connection's timeout. Without it, Microsoft.Data.Sqlite answers a locked
    /// database by sleeping 150 ms before each retry, so two writers that touch for a millisecond (partitions
    /// committing their checkpoints) lose 150 ms; SQLite's handler retries within a few milliseconds. Raw statements
    /// (the export reader) have no retry at all without it.
    /// </summary>
    public static void WaitWhenBusy(SqliteConnection connection) =>
        raw.sqlite3_busy_timeout(connection.Handle, Math.Max(1, connection.DefaultTimeout) * 1000);

    public static DbContextOptionsBuilder UsePartnerOfficeSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString)
            .AddInterceptors(BusyHandlerInterceptor.Instance);

    public static DbContextOptionsBuilder<TContext> UsePartnerOfficeSqlite<TContext>(this DbContextOptionsBuilder<TContext> options, string connectionString)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)((DbContextOptionsBuilder)options).UsePartnerOfficeSqlite(connectionString);

    /// <summary>The product's settings for a context on the file, or on an open connection to it.</summary>
    internal static void Configure(DbContextOptionsBuilder options, string connectionString, string migrationsHistoryTable, DbConnection? connection)
    {
        if (connection is null) options.UsePartnerOfficeSqlite(connectionString);
        else options.UseSqlite(connection);
        new SqliteDbContextOptionsBuilder(options).MigrationsHistoryTable(migrationsHistoryTable);
    }

    internal static string Describe(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    /// <summary>
    /// In WAL mode NORMAL still never corrupts; a power cut may only lose the latest chunks, which a restart redoes from
    /// the previous checkpoint. FULL would fsync every chunk, a cost paid hundreds of times per job.
    /// </summary>
    internal static async Task RelaxSyncForChunksAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Switches the file to write-ahead logging, so readers (exports) never block writers (jobs).</summary>
    public static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>Arms the busy handler on every connection EF Core opens.</summary>
    private sealed class BusyHandlerInterceptor : DbConnectionInterceptor
    {
        public static readonly BusyHandlerInterceptor Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            WaitWhenBusy((SqliteConnection)connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            WaitWhenBusy((SqliteConnection)connection);
            return Task.CompletedTask;
        }
    }
}
