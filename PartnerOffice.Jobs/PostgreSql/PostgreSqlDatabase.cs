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

    internal static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
