using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Exports.Datasets;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Retail;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A migrated database filled by the demo seeder, on SQLite (this type) or PostgreSQL
/// (<see cref="PostgreSqlRetailTestDatabase"/>): share one per test class (<c>IClassFixture</c>) and only read from it.
/// </summary>
public class RetailTestDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>Orders to seed; the other tables follow from it (see <see cref="DemoDataVolume"/>).</summary>
    public int Orders { get; init; } = 3_000;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public DatabaseConnection Connection => _database?.Connection ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        Connection.PrepareForMigrations();
        await using (var db = PartnerOfficeDbContext.FactoryFor(Connection).CreateDbContext())
            await db.Database.MigrateAsync();
        await RetailDataSeeder.SeedAsync(Connection, new DemoDataVolume(Orders));
    }

    public Task<DbConnection> OpenAsync() => Connection.OpenAsync();

    /// <summary>
    /// Runs a query and returns the first column of the first row, for checking results against plain SQL; the tables
    /// and columns may be written bare (<c>SELECT MAX(Id) FROM Orders</c>), they are quoted as the exports quote them.
    /// </summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SqlNames.Quote(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>The same seeded database on the run's PostgreSQL server.</summary>
public sealed class PostgreSqlRetailTestDatabase : RetailTestDatabase
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
