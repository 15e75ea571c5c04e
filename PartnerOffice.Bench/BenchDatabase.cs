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
        var report = await RetailDataSeeder.SeedAsync(connectionString, new DemoDataVolume(orders));
        Console.WriteLine($"Seeded {report.Orders:N0} orders, {report.OrderLines:N0} lines, {report.Members:N0} members in {report.Elapsed.TotalSeconds:F1} s.");
        return connectionString;
    }

    /// <summary>Partners by their number of orders, most first: the largest partner's export is the one that matters for speed and memory.</summary>
    public static async Task<List<(int PartnerId, string Name, long Orders)>> PartnersBySizeAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT o.PartnerId, p.Name, COUNT(*) FROM Orders o JOIN Partners p ON p.Id = o.PartnerId GROUP BY o.PartnerId ORDER BY COUNT(*) DESC";
        await using var reader = await command.ExecuteReaderAsync();
        var partners = new List<(int, string, long)>();
        while (await reader.ReadAsync()) partners.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        return partners;
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
