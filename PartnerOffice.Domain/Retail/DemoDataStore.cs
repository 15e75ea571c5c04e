using PartnerOffice.Data.PostgreSql;
using PartnerOffice.Data.Sqlite;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Retail;

/// <summary>What a column of the demo tables holds, for engines that write typed values (PostgreSQL's binary COPY).</summary>
public enum DemoColumnType { BigInt, Int, Text, Time }

/// <summary>A demo table's column: its name in the model and what it holds.</summary>
public sealed record DemoColumn(string Name, DemoColumnType Type);

/// <summary>
/// Where <see cref="RetailDataSeeder"/> writes, one per engine (in its adapter folder): the few reads the seeder needs and
/// each engine's fastest way to append rows. Rows are written column by column, in column order.
/// </summary>
public abstract class DemoDataStore : IDisposable
{
    public static readonly IReadOnlyList<DemoColumn> ProductColumns = Columns(("Id", DemoColumnType.BigInt), ("PartnerId", DemoColumnType.Int),
        ("Sku", DemoColumnType.Text), ("Name", DemoColumnType.Text), ("Category", DemoColumnType.Text), ("Price", DemoColumnType.BigInt),
        ("Stock", DemoColumnType.Int), ("CreatedAt", DemoColumnType.Time));

    public static readonly IReadOnlyList<DemoColumn> OrderColumns = Columns(("Id", DemoColumnType.BigInt), ("PartnerId", DemoColumnType.Int),
        ("OrderNumber", DemoColumnType.Text), ("OrderedAt", DemoColumnType.Time), ("Status", DemoColumnType.Text), ("CustomerName", DemoColumnType.Text),
        ("ItemCount", DemoColumnType.Int), ("TotalAmount", DemoColumnType.BigInt), ("ShippingFee", DemoColumnType.BigInt));

    public static readonly IReadOnlyList<DemoColumn> OrderLineColumns = Columns(("Id", DemoColumnType.BigInt), ("OrderId", DemoColumnType.BigInt),
        ("PartnerId", DemoColumnType.Int), ("ProductId", DemoColumnType.BigInt), ("Quantity", DemoColumnType.Int), ("UnitPrice", DemoColumnType.BigInt),
        ("Amount", DemoColumnType.BigInt));

    public static readonly IReadOnlyList<DemoColumn> MemberColumns = Columns(("Id", DemoColumnType.BigInt), ("PartnerId", DemoColumnType.Int),
        ("Email", DemoColumnType.Text), ("Name", DemoColumnType.Text), ("Status", DemoColumnType.Text), ("SignedUpAt", DemoColumnType.Time),
        ("ReviewedAt", DemoColumnType.Time));

    public static readonly IReadOnlyList<DemoColumn> SettlementColumns = Columns(("PartnerId", DemoColumnType.Int), ("PeriodStart", DemoColumnType.Time),
        ("PeriodEnd", DemoColumnType.Time), ("GrossAmount", DemoColumnType.BigInt), ("Commission", DemoColumnType.BigInt),
        ("NetAmount", DemoColumnType.BigInt), ("Status", DemoColumnType.Text), ("PaidAt", DemoColumnType.Time));

    public static DemoDataStore Open(DatabaseConnection database) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDemoDataStore(database.ConnectionString),
        DatabaseProvider.PostgreSql => new PostgreSqlDemoDataStore(database.ConnectionString),
        _ => throw new NotSupportedException($"Demo data cannot be seeded on {database.Provider}."),
    };

    /// <summary>Adds the partners that are missing; their ids, in the given order.</summary>
    public abstract int[] EnsurePartners(IReadOnlyList<(string Code, string Name)> partners, DateTime createdAt);

    /// <summary>The first free id of a table with explicit keys.</summary>
    public abstract long NextId(string table);

    /// <summary>A partner's products already stored, as (id, price) in key order.</summary>
    public abstract List<(long Id, long Price)> ExistingProducts(int partnerId);

    public abstract DemoTableWriter OpenTable(string table, IReadOnlyList<DemoColumn> columns);

    /// <summary>
    /// Ends a batch of rows: SQLite commits its transaction there, so one seed is not one huge transaction; PostgreSQL
    /// starts sending the batch, and stores it while the next one is made.
    /// </summary>
    public virtual void CommitBatch() { }

    /// <summary>Deletes the settlements and sums delivered orders' totals per partner and month ("yyyy-MM") in [from, to).</summary>
    public abstract Dictionary<(long PartnerId, string Month), long> ReplaceSettlementsAndSumDelivered(DateTime from, DateTime to);

    /// <summary>Brings what depends on the rows up to date: statistics, and the key sequences explicit ids bypassed.</summary>
    public abstract void Finish();

    public abstract void Dispose();

    private static DemoColumn[] Columns(params (string Name, DemoColumnType Type)[] columns) => columns.Select(c => new DemoColumn(c.Name, c.Type)).ToArray();
}

/// <summary>Appends rows to one table: every column set in order, then <see cref="Run"/>; <see cref="Complete"/> at the end.</summary>
public abstract class DemoTableWriter : IDisposable
{
    public abstract DemoTableWriter Set(int column, long value);
    public abstract DemoTableWriter Set(int column, ReadOnlySpan<byte> utf8);
    public abstract DemoTableWriter Set(int column, string text);
    public abstract DemoTableWriter Set(int column, DateTime value);
    public abstract DemoTableWriter SetNull(int column);

    /// <summary>Ends the row.</summary>
    public abstract void Run();

    /// <summary>Makes the rows written so far permanent (a writer disposed without it may drop them).</summary>
    public abstract void Complete();

    public abstract void Dispose();
}
