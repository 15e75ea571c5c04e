using PartnerOffice.Jobs.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Retail;

namespace PartnerOffice.Bench;

/// <summary>The benchmark's database: reused when it already holds the requested orders, else made by the demo seeder.</summary>
internal static class BenchDatabase
{
    public static async Task<string> EnsureAsync(string file, int orders)
    {
        var connectionString = SqliteDatabase.ConnectionStringFor(file);
        if (File.Exists(file) && await ScalarAsync(connectionString, "SELECT COUNT(*) FROM Orders") == orders)
        {
            Console.WriteLine($"Reusing {file} ({orders:N0} orders).");
            return connectionString;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        await using (var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(connectionString).Options))
            await db.Database.MigrateAsync();
        SqliteDatabase.EnableWriteAheadLog(connectionString);
        Console.WriteLine($"Seeding {file} with {orders:N0} orders…");
        var report = await RetailDataSeeder.SeedAsync(DatabaseConnection.Sqlite(connectionString), new DemoDataVolume(orders));
        Console.WriteLine($"Seeded {report.Orders:N0} orders, {report.OrderLines:N0} lines, {report.Members:N0} members in {report.Elapsed.TotalSeconds:F1} s.");
        return connectionString;
    }

    /// <summary>A new PostgreSQL database on the server, migrated and seeded by the demo seeder (binary COPY); prints the seeding time.</summary>
    public static async Task<DatabaseConnection> CreatePostgreSqlAsync(BenchPostgreSqlServer server, int orders)
    {
        var database = new DatabaseConnection(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("partneroffice_bench"));
        await using (var db = PartnerOfficeDbContext.FactoryFor(database).CreateDbContext())
            await db.Database.MigrateAsync();
        Console.WriteLine($"Seeding a PostgreSQL database with {orders:N0} orders…");
        var report = await RetailDataSeeder.SeedAsync(database, new DemoDataVolume(orders));
        Console.WriteLine($"Seeded {report.Orders:N0} orders, {report.OrderLines:N0} lines, {report.Members:N0} members in {report.Elapsed.TotalSeconds:F1} s (goal: well under a minute).");
        return database;
    }

    /// <summary>Partners by their number of orders, most first: the largest partner's export is the one that matters for speed and memory.</summary>
    public static async Task<(int PartnerId, string Name, long Orders)> LargestPartnerAsync(DatabaseConnection database)
    {
        await using var db = PartnerOfficeDbContext.FactoryFor(database).CreateDbContext();
        var largest = await db.Orders.GroupBy(o => o.PartnerId).Select(g => new { PartnerId = g.Key, Orders = g.LongCount() })
            .OrderByDescending(g => g.Orders).FirstAsync();
        var name = await db.Partners.Where(p => p.Id == largest.PartnerId).Select(p => p.Name).SingleAsync();
        return (largest.PartnerId, name, largest.Orders);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        catch (SqliteException)
        {
            return -1; // not a database of ours: made again
        }
    }
}
