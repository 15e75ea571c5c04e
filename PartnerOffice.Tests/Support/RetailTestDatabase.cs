using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Retail;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A migrated database in a temp folder filled by the demo seeder: share one per test class
/// (<c>IClassFixture</c>) and only read from it.
/// </summary>
public sealed class RetailTestDatabase : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();

    /// <summary>Orders to seed; the other tables follow from it (see <see cref="DemoDataVolume"/>).</summary>
    public int Orders { get; init; } = 3_000;

    public string ConnectionString { get; private set; } = "";

    public string DatabaseFile => _folder.File("retail.db");

    public async Task InitializeAsync()
    {
        ConnectionString = SqliteDatabase.ConnectionStringFor(DatabaseFile);
        await using (var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(ConnectionString).Options))
            await db.Database.MigrateAsync();
        await RetailDataSeeder.SeedAsync(ConnectionString, new DemoDataVolume(Orders));
    }

    public Task<SqliteConnection> OpenAsync() => SqliteDatabase.OpenAsync(ConnectionString);

    /// <summary>Runs a query and returns the first column of the first row, for checking results against plain SQL.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}
