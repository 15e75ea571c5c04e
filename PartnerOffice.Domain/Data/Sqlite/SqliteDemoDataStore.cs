using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerOffice.Retail;
using SQLitePCL;

namespace PartnerOffice.Data.Sqlite;

/// <summary>
/// Demo rows on SQLite: statements prepared once and bound by position on SQLite's own handle, inside large
/// transactions (one per batch), with foreign key checks off for the connection (every key is made by the seeder
/// and points at a row just written or read; the lookups cost about as much as the inserts).
/// </summary>
internal sealed class SqliteDemoDataStore : DemoDataStore
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    public SqliteDemoDataStore(string connectionString)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false }.ToString());
        _connection.Open();
        Execute("PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;");
    }

    public override int[] EnsurePartners(IReadOnlyList<(string Code, string Name)> partners, DateTime createdAt)
    {
        using var insert = _connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO Partners (Code, Name, CreatedAt) VALUES ($code, $name, $createdAt)";
        var code = insert.Parameters.Add("$code", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        insert.Parameters.AddWithValue("$createdAt", RetailDataSeeder.Format(createdAt));
        foreach (var partner in partners)
        {
            (code.Value, name.Value) = (partner.Code, partner.Name);
            insert.ExecuteNonQuery();
        }
        return partners.Select(p => Convert.ToInt32(Scalar($"SELECT Id FROM Partners WHERE Code = '{p.Code}'"), CultureInfo.InvariantCulture)).ToArray();
    }

    public override long NextId(string table) => Convert.ToInt64(Scalar($"SELECT COALESCE(MAX(Id), 0) + 1 FROM {table}"), CultureInfo.InvariantCulture);

    public override List<(long Id, long Price)> ExistingProducts(int partnerId)
    {
        using var read = _connection.CreateCommand();
        read.Transaction = _transaction;
        read.CommandText = $"SELECT Id, Price FROM Products WHERE PartnerId = {partnerId} ORDER BY Id";
        using var reader = read.ExecuteReader();
        var products = new List<(long, long)>();
        while (reader.Read()) products.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return products;
    }

    public override DemoTableWriter OpenTable(string table, IReadOnlyList<DemoColumn> columns)
    {
        _transaction ??= _connection.BeginTransaction();
        var placeholders = string.Join(", ", columns.Select((_, i) => $"?{i + 1}"));
        return new RowInsert(this, $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({placeholders})");
    }

    public override void CommitBatch()
    {
        _transaction?.Commit();
        _transaction = _connection.BeginTransaction();
    }

    public override Dictionary<(long PartnerId, string Month), long> ReplaceSettlementsAndSumDelivered(DateTime from, DateTime to)
    {
        _transaction ??= _connection.BeginTransaction();
        Execute("DELETE FROM Settlements");
        // One pass over the table for all months: a query per month found its orders through the (partner, date) index
        // and then read each one out of key order, which took longer than the scan.
        using var sums = _connection.CreateCommand();
        sums.Transaction = _transaction;
        sums.CommandText = """
            SELECT PartnerId, substr(OrderedAt, 1, 7), SUM(TotalAmount) FROM Orders NOT INDEXED
            WHERE Status = 'Delivered' AND OrderedAt >= $from AND OrderedAt < $to GROUP BY 1, 2
            """;
        sums.Parameters.AddWithValue("$from", RetailDataSeeder.Format(from));
        sums.Parameters.AddWithValue("$to", RetailDataSeeder.Format(to));
        using var reader = sums.ExecuteReader();
        var gross = new Dictionary<(long, string), long>();
        while (reader.Read()) gross[(reader.GetInt64(0), reader.GetString(1))] = reader.GetInt64(2);
        return gross;
    }

    public override void Finish()
    {
        _transaction?.Commit();
        _transaction = null;
        Execute("PRAGMA synchronous=NORMAL; ANALYZE;");
    }

    public override void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One INSERT prepared on the connection's SQLite handle and bound by position. Through
    /// <see cref="SqliteCommand"/> every execution looks its parameters up by name and boxes their values.
    /// Bindings stay until set again, so every column is set before each run.
    /// </summary>
    private sealed class RowInsert : DemoTableWriter
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _statement;
        private readonly byte[] _dateTime = new byte[RetailDataSeeder.DateTimeFormat.Length]; // years have four digits

        public RowInsert(SqliteDemoDataStore store, string sql)
        {
            _connection = store._connection;
            Check(raw.sqlite3_prepare_v2(_connection.Handle, sql, out _statement));
        }

        public override DemoTableWriter Set(int column, long value) => Check(raw.sqlite3_bind_int64(_statement, column, value));

        public override DemoTableWriter Set(int column, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, column, utf8));

        public override DemoTableWriter Set(int column, string text) => Check(raw.sqlite3_bind_text(_statement, column, text));

        public override DemoTableWriter Set(int column, DateTime value)
        {
            value.TryFormat(_dateTime, out var length, RetailDataSeeder.DateTimeFormat, CultureInfo.InvariantCulture);
            return Set(column, _dateTime.AsSpan(0, length));
        }

        public override DemoTableWriter SetNull(int column) => Check(raw.sqlite3_bind_null(_statement, column));

        public override void Run()
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE) Check(result);
            raw.sqlite3_reset(_statement);
        }

        // The store's transaction commits the rows (per batch, and at the end).
        public override void Complete() { }

        private RowInsert Check(int result) => result == raw.SQLITE_OK
            ? this
            : throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), result);

        public override void Dispose() => _statement.Dispose();
    }
}
