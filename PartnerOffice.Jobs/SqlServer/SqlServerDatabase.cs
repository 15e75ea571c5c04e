using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace PartnerOffice.Jobs.SqlServer;

/// <summary>How the product's contexts and connections reach SQL Server (compiled and scripted; no live server here).</summary>
public static class SqlServerDatabase
{
    internal static void Configure(DbContextOptionsBuilder options, string connectionString, string migrationsHistoryTable, DbConnection? connection)
    {
        if (connection is null) options.UseSqlServer(connectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable));
        else options.UseSqlServer(connection, o => o.MigrationsHistoryTable(migrationsHistoryTable));
    }

    internal static DbConnection Create(string connectionString) => new SqlConnection(connectionString);

    internal static string Describe(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        return $"{builder.DataSource}/{builder.InitialCatalog}";
    }
}
