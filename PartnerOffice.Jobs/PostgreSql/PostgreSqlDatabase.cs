using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PartnerOffice.Jobs.PostgreSql;

/// <summary>How the product's contexts and connections reach a PostgreSQL server.</summary>
public static class PostgreSqlDatabase
{
    internal static void Configure(DbContextOptionsBuilder options, string connectionString, string migrationsHistoryTable, DbConnection? connection)
    {
        if (connection is null) options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable));
        else options.UseNpgsql(connection, o => o.MigrationsHistoryTable(migrationsHistoryTable));
    }

    internal static DbConnection Create(string connectionString) => new NpgsqlConnection(connectionString);

    /// <summary>Bytes a bulk-reading connection takes from its socket at a time: Npgsql's default is 8 KB.</summary>
    public const int BulkReadBufferBytes = 1024 * 1024;

    /// <summary>
    /// The connection string with a 1 MB read buffer. Npgsql resets a timeout timer on every read from the socket, and
    /// with 8 KB reads a streamed export made some 9,000 of them per 600,000 rows: with fewer, larger reads the export
    /// used a fifth less processor time (docs/benchmarks.md). Such connections pool apart from the others.
    /// </summary>
    internal static string ForBulkReads(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ReadBufferSize = BulkReadBufferBytes }.ConnectionString;

    internal static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
