using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Retail;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Data;

/// <summary>The demo seeder's bulk paths: the same rows on both engines, and on PostgreSQL the schema it found.</summary>
public sealed class DemoDataSeedingTests
{
    // More orders than one batch of the seeder (50,000), so rows on both sides of a batch's end are compared.
    private static readonly DemoDataVolume Volume = new(Orders: 60_000, ProductsPerPartner: 50, Members: 500);

    [Fact]
    public async Task Both_engines_get_the_same_rows()
    {
        await using var sqlite = await MigratedAsync(DatabaseProvider.Sqlite);
        await using var postgres = await MigratedAsync(DatabaseProvider.PostgreSql);
        await RetailDataSeeder.SeedAsync(sqlite.Connection, Volume);
        await RetailDataSeeder.SeedAsync(postgres.Connection, Volume);

        var expected = await RowsAsync(sqlite.Connection);
        Assert.Equal(Volume.Orders, expected["Orders"].Count);
        var actual = await RowsAsync(postgres.Connection);
        foreach (var (table, rows) in expected) Assert.Equal(rows, actual[table]);
    }

    [Fact]
    public async Task Seeding_PostgreSql_leaves_its_indexes_and_constraints_as_the_migrations_made_them_on_empty_and_on_filled_tables()
    {
        await using var migrated = await MigratedAsync(DatabaseProvider.PostgreSql);
        await using var seeded = await MigratedAsync(DatabaseProvider.PostgreSql);
        var expected = await PostgreSqlSchema.DescribeAsync(migrated.Connection.ConnectionString);
        Assert.Contains(expected, line => line.Contains("FK_OrderLines_Orders_OrderId"));

        var first = await RetailDataSeeder.SeedAsync(seeded.Connection, Volume);
        Assert.Equal(expected, await PostgreSqlSchema.DescribeAsync(seeded.Connection.ConnectionString));

        var second = await RetailDataSeeder.SeedAsync(seeded.Connection, Volume);
        Assert.Equal(expected, await PostgreSqlSchema.DescribeAsync(seeded.Connection.ConnectionString));
        await using var db = PartnerOfficeDbContext.FactoryFor(seeded.Connection).CreateDbContext();
        Assert.Equal(2 * Volume.Orders, await db.Orders.CountAsync());
        Assert.Equal(first.OrderLines + second.OrderLines, await db.OrderLines.CountAsync());
    }

    private static async Task<TestDatabase> MigratedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        database.Connection.PrepareForMigrations();
        await using var db = PartnerOfficeDbContext.FactoryFor(database.Connection).CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>Every seeded table's rows in key order, each as one line of its values.</summary>
    private static async Task<Dictionary<string, List<string>>> RowsAsync(DatabaseConnection database)
    {
        await using var db = PartnerOfficeDbContext.FactoryFor(database).CreateDbContext();
        return new Dictionary<string, List<string>>
        {
            ["Partners"] = Lines(await db.Partners.OrderBy(p => p.Id).Select(p => new object?[] { p.Id, p.Code, p.Name, p.CreatedAt }).ToListAsync()),
            ["Products"] = Lines(await db.Products.OrderBy(p => p.Id)
                .Select(p => new object?[] { p.Id, p.PartnerId, p.Sku, p.Name, p.Category, p.Price, p.Stock, p.CreatedAt }).ToListAsync()),
            ["Orders"] = Lines(await db.Orders.OrderBy(o => o.Id).Select(o => new object?[]
                { o.Id, o.PartnerId, o.OrderNumber, o.OrderedAt, o.Status, o.CustomerName, o.ItemCount, o.TotalAmount, o.ShippingFee }).ToListAsync()),
            ["OrderLines"] = Lines(await db.OrderLines.OrderBy(l => l.Id)
                .Select(l => new object?[] { l.Id, l.OrderId, l.PartnerId, l.ProductId, l.Quantity, l.UnitPrice, l.Amount }).ToListAsync()),
            ["Members"] = Lines(await db.Members.OrderBy(m => m.Id)
                .Select(m => new object?[] { m.Id, m.PartnerId, m.Email, m.Name, m.Status, m.SignedUpAt, m.ReviewedAt }).ToListAsync()),
            ["Settlements"] = Lines(await db.Settlements.OrderBy(s => s.PartnerId).ThenBy(s => s.PeriodStart).Select(s => new object?[]
                { s.PartnerId, s.PeriodStart, s.PeriodEnd, s.GrossAmount, s.Commission, s.NetAmount, s.Status, s.PaidAt }).ToListAsync()),
        };
    }

    // The engines hand times back with different kinds (SQLite's unspecified, PostgreSQL's UTC): the instant is compared.
    private static List<string> Lines(List<object?[]> rows) => rows.Select(values => string.Join("|", values.Select(value => value switch
    {
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    }))).ToList();
}
