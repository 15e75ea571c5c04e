using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerOffice.Data;

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

    public static DbContextOptionsBuilder UsePartnerOfficeSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString)
            // Migrations are hand-written (no design-time package, so no model snapshot); a test
            // compares the migrated schema with the model instead of this warning.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    public static DbContextOptionsBuilder<TContext> UsePartnerOfficeSqlite<TContext>(this DbContextOptionsBuilder<TContext> options, string connectionString)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)((DbContextOptionsBuilder)options).UsePartnerOfficeSqlite(connectionString);

    /// <summary>Switches the file to write-ahead logging, so readers (exports) never block writers (jobs).</summary>
    public static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
