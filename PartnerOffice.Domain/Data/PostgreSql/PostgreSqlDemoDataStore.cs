using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PartnerOffice.Retail;

namespace PartnerOffice.Data.PostgreSql;

/// <summary>
/// Demo rows on PostgreSQL through binary COPY, all in one transaction. A connection runs one COPY at a time and an
/// order line's foreign key needs its order first, so each table's rows wait in memory until the batch ends, then go
/// table by table in the order the tables were opened. Explicit ids bypass the identity sequences, which
/// <see cref="Finish"/> moves past them.
/// A table that is empty at start loads without its secondary indexes and foreign keys: checking every row's keys and
/// adding it to every index took four fifths of a seed, while building the indexes and validating the keys once over
/// the loaded rows takes seconds. Their definitions are read from the catalog before they are dropped and run again
/// by <see cref="Finish"/> in the same transaction, so the schema ends as it began, and a failed seed changes nothing.
/// </summary>
internal sealed class PostgreSqlDemoDataStore : DemoDataStore
{
    private static readonly string[] TablesWithExplicitIds = ["Products", "Orders", "OrderLines", "Members"];

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<CopyWriter> _open = [];
    private readonly List<string> _restoreAfterLoad;

    public PostgreSqlDemoDataStore(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        _transaction = _connection.BeginTransaction();
        _restoreAfterLoad = DropIndexesAndForeignKeysOfEmptyTables();
    }

    /// <summary>
    /// Drops the foreign keys and the secondary indexes (those no constraint stands on) of the empty tables with
    /// explicit ids; returns the statements that make them again, indexes first.
    /// </summary>
    private List<string> DropIndexesAndForeignKeysOfEmptyTables()
    {
        var emptyTables = TablesWithExplicitIds.Where(table => (bool)Execute($"""SELECT NOT EXISTS (SELECT FROM "{table}")""")!)
            .Select(table => $"\"{table}\"").ToArray();
        using var definitions = Command("""
            SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY(@tables) AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            UNION ALL
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
            FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(@tables)
            """);
        definitions.Parameters.AddWithValue("tables", emptyTables);
        var statements = new List<(string Drop, string Restore)>();
        using (var reader = definitions.ExecuteReader())
            while (reader.Read()) statements.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (drop, _) in statements) Execute(drop);
        return statements.Select(s => s.Restore).ToList();
    }

    public override int[] EnsurePartners(IReadOnlyList<(string Code, string Name)> partners, DateTime createdAt)
    {
        foreach (var (code, name) in partners)
        {
            using var insert = Command("""INSERT INTO "Partners" ("Code", "Name", "CreatedAt") VALUES (@code, @name, @createdAt) ON CONFLICT ("Code") DO NOTHING""");
            insert.Parameters.AddWithValue("code", code);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("createdAt", createdAt);
            insert.ExecuteNonQuery();
        }
        return partners.Select(p =>
        {
            using var select = Command("""SELECT "Id" FROM "Partners" WHERE "Code" = @code""");
            select.Parameters.AddWithValue("code", p.Code);
            return Convert.ToInt32(select.ExecuteScalar(), CultureInfo.InvariantCulture);
        }).ToArray();
    }

    public override long NextId(string table) =>
        Convert.ToInt64(Execute($"""SELECT COALESCE(MAX("Id"), 0) + 1 FROM "{table}" """), CultureInfo.InvariantCulture);

    public override List<(long Id, long Price)> ExistingProducts(int partnerId)
    {
        using var read = Command("""SELECT "Id", "Price" FROM "Products" WHERE "PartnerId" = @partner ORDER BY "Id" """);
        read.Parameters.AddWithValue("partner", partnerId);
        using var reader = read.ExecuteReader();
        var products = new List<(long, long)>();
        while (reader.Read()) products.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return products;
    }

    public override DemoTableWriter OpenTable(string table, IReadOnlyList<DemoColumn> columns)
    {
        var writer = new CopyWriter(this, table, columns);
        _open.Add(writer);
        return writer;
    }

    public override void CommitBatch()
    {
        foreach (var writer in _open) writer.Flush();
    }

    public override Dictionary<(long PartnerId, string Month), long> ReplaceSettlementsAndSumDelivered(DateTime from, DateTime to)
    {
        using (var delete = Command("""DELETE FROM "Settlements" """)) delete.ExecuteNonQuery();
        using var sums = Command("""
            SELECT "PartnerId", to_char("OrderedAt" AT TIME ZONE 'UTC', 'YYYY-MM'), SUM("TotalAmount")::bigint FROM "Orders"
            WHERE "Status" = 'Delivered' AND "OrderedAt" >= @from AND "OrderedAt" < @to GROUP BY 1, 2
            """);
        sums.Parameters.AddWithValue("from", from);
        sums.Parameters.AddWithValue("to", to);
        using var reader = sums.ExecuteReader();
        var gross = new Dictionary<(long, string), long>();
        while (reader.Read()) gross[(reader.GetInt32(0), reader.GetString(1))] = reader.GetInt64(2);
        return gross;
    }

    public override void Finish()
    {
        CommitBatch();
        foreach (var restore in _restoreAfterLoad) Execute(restore);
        foreach (var table in TablesWithExplicitIds)
            Execute($"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT MAX("Id") FROM "{table}"))""");
        _transaction.Commit();
        using var analyze = new NpgsqlCommand("ANALYZE", _connection);
        analyze.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }

    private NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    /// <summary>Runs a statement in the transaction; the first column of its first row, if it returns any.</summary>
    private object? Execute(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    /// <summary>Keeps a table's rows of the current batch, then writes them with one binary COPY.</summary>
    private sealed class CopyWriter(PostgreSqlDemoDataStore store, string table, IReadOnlyList<DemoColumn> columns) : DemoTableWriter
    {
        private readonly List<object?[]> _rows = [];
        private object?[] _row = new object?[columns.Count];

        public override DemoTableWriter Set(int column, long value) => Put(column, value);

        // Text is kept as its UTF-8 bytes: binary COPY sends text as exactly those bytes, so nothing is decoded.
        public override DemoTableWriter Set(int column, ReadOnlySpan<byte> utf8) => Put(column, utf8.ToArray());

        public override DemoTableWriter Set(int column, string text) => Put(column, text);

        public override DemoTableWriter Set(int column, DateTime value) => Put(column, DateTime.SpecifyKind(value, DateTimeKind.Utc));

        public override DemoTableWriter SetNull(int column) => Put(column, null);

        public override void Run()
        {
            _rows.Add(_row);
            _row = new object?[columns.Count];
        }

        public override void Complete() => Flush();

        public void Flush()
        {
            if (_rows.Count == 0) return;
            var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
            using (var copy = store._connection.BeginBinaryImport($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in _rows)
                {
                    copy.StartRow();
                    for (var i = 0; i < row.Length; i++) Write(copy, row[i], columns[i].Type);
                }
                copy.Complete();
            }
            _rows.Clear();
        }

        private static void Write(NpgsqlBinaryImporter copy, object? value, DemoColumnType type)
        {
            switch (value)
            {
                case null: copy.WriteNull(); break;
                case long number when type == DemoColumnType.Int: copy.Write(checked((int)number), NpgsqlDbType.Integer); break;
                case long number: copy.Write(number, NpgsqlDbType.Bigint); break;
                case byte[] utf8: copy.Write(utf8, NpgsqlDbType.Bytea); break;
                case string text: copy.Write(text, NpgsqlDbType.Text); break;
                case DateTime time: copy.Write(time, NpgsqlDbType.TimestampTz); break;
                default: throw new NotSupportedException(value.GetType().Name);
            }
        }

        private CopyWriter Put(int column, object? value)
        {
            _row[column - 1] = value;
            return this;
        }

        public override void Dispose() => _rows.Clear();
    }
}
