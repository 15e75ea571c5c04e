using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;
using PartnerOffice.Retail;

namespace PartnerOffice.Data.PostgreSql;

/// <summary>
/// Demo rows on PostgreSQL through binary COPY, all in one transaction. A connection runs one COPY at a time and an
/// order line's foreign key needs its order first, so each table's rows wait in memory, encoded, until the batch ends,
/// then go table by table in the order the tables were opened. They are sent in the background while the seeder makes
/// the next batch: making and storing rows then run side by side, on two cores. Explicit ids bypass the identity
/// sequences, which <see cref="Finish"/> moves past them.
/// A table that is empty at start loads without its secondary indexes and foreign keys: checking every row's keys and
/// adding it to every index took four fifths of a seed of 1,000,000 orders, while building the indexes and validating
/// the keys once over the loaded rows takes a few seconds. Their definitions are read from the catalog before they are dropped and run again
/// by <see cref="Finish"/> in the same transaction, so the schema ends as it began, and a failed seed changes nothing.
/// </summary>
internal sealed class PostgreSqlDemoDataStore : DemoDataStore
{
    private static readonly string[] TablesWithExplicitIds = ["Products", "Orders", "OrderLines", "Members"];

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<CopyWriter> _open = [];
    private readonly List<string> _restoreAfterLoad;
    /// <summary>The previous batch on its way; every other use of the connection waits for it.</summary>
    private Task? _sending;

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
        WaitForSending();
        foreach (var writer in _open) writer.EndBatch();
        var writers = _open.ToArray();
        _sending = Task.Run(() =>
        {
            foreach (var writer in writers) writer.Send(_connection);
        });
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
        WaitForSending();
        foreach (var restore in _restoreAfterLoad) Execute(restore);
        foreach (var table in TablesWithExplicitIds)
            Execute($"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT MAX("Id") FROM "{table}"))""");
        _transaction.Commit();
        using var analyze = new NpgsqlCommand("ANALYZE", _connection);
        analyze.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        // Only after a failure is a batch still on its way: the transaction rolls it back, however its sending ended.
        try { _sending?.Wait(); }
        catch (AggregateException) { }
        _transaction.Dispose();
        _connection.Dispose();
    }

    private NpgsqlCommand Command(string sql)
    {
        WaitForSending();
        return new(sql, _connection, _transaction);
    }

    /// <summary>Waits until the batch being sent is stored, and throws what stopped it if it failed.</summary>
    private void WaitForSending()
    {
        var sending = _sending;
        _sending = null;
        sending?.GetAwaiter().GetResult();
    }

    /// <summary>Runs a statement in the transaction; the first column of its first row, if it returns any.</summary>
    private object? Execute(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Encodes a table's rows in COPY's binary format as they are set, into the current batch's buffer (no value is
    /// boxed or kept as an object), and sends a finished batch's buffer with one raw binary COPY.
    /// </summary>
    private sealed class CopyWriter(PostgreSqlDemoDataStore store, string table, IReadOnlyList<DemoColumn> columns) : DemoTableWriter
    {
        // The format's signature, no flags and no header extension; its end marker (a field count of -1).
        private static readonly byte[] Header = [.. BinaryCopyFormat.Signature, 0, 0, 0, 0, 0, 0, 0, 0];
        private static readonly byte[] Trailer = [0xFF, 0xFF];

        private readonly string _copy = $"""COPY "{table}" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)""";
        private ArrayBufferWriter<byte> _batch = new();
        private ArrayBufferWriter<byte> _sending = new();
        private int _nextColumn = 1;

        public override DemoTableWriter Set(int column, long value)
        {
            if (columns[column - 1].Type == DemoColumnType.Int) BinaryPrimitives.WriteInt32BigEndian(Field(column, DemoColumnType.Int, sizeof(int)), checked((int)value));
            else BinaryPrimitives.WriteInt64BigEndian(Field(column, DemoColumnType.BigInt, sizeof(long)), value);
            return this;
        }

        // Binary COPY takes text as its UTF-8 bytes.
        public override DemoTableWriter Set(int column, ReadOnlySpan<byte> utf8)
        {
            utf8.CopyTo(Field(column, DemoColumnType.Text, utf8.Length));
            return this;
        }

        public override DemoTableWriter Set(int column, string text)
        {
            Encoding.UTF8.GetBytes(text, Field(column, DemoColumnType.Text, Encoding.UTF8.GetByteCount(text)));
            return this;
        }

        // The seeder's times are UTC.
        public override DemoTableWriter Set(int column, DateTime value)
        {
            BinaryPrimitives.WriteInt64BigEndian(Field(column, DemoColumnType.Time, sizeof(long)), (value.Ticks - BinaryCopyFormat.EpochTicks) / TimeSpan.TicksPerMicrosecond);
            return this;
        }

        public override DemoTableWriter SetNull(int column)
        {
            Field(column, columns[column - 1].Type, -1);
            return this;
        }

        public override void Run()
        {
            if (_nextColumn != columns.Count + 1) throw new InvalidOperationException($"A row of {table} ended after {_nextColumn - 1} of its {columns.Count} columns.");
            _nextColumn = 1;
        }

        // The store's batch ends: every table's rows go, in the order the tables were opened.
        public override void Complete() => store.CommitBatch();

        /// <summary>Makes the batch written so far the one <see cref="Send"/> sends, and starts an empty one.</summary>
        public void EndBatch() => (_batch, _sending) = (_sending, _batch);

        public void Send(NpgsqlConnection connection)
        {
            if (_sending.WrittenCount == 0) return;
            using (var copy = connection.BeginRawBinaryCopy(_copy))
            {
                copy.Write(Header);
                copy.Write(_sending.WrittenSpan);
                copy.Write(Trailer);
            }
            _sending.ResetWrittenCount();
        }

        /// <summary>
        /// Writes a field's length (-1: null) and returns the span for its value, valid until the next field; a row's
        /// first field is preceded by the row's field count. The format tells neither columns nor types apart, so a
        /// field out of order or of another type would be stored as some other value: both are refused here.
        /// </summary>
        private Span<byte> Field(int column, DemoColumnType type, int length)
        {
            if (column != _nextColumn) throw new InvalidOperationException($"Column {column} of {table} was set where column {_nextColumn} was due.");
            if (columns[column - 1].Type != type) throw new InvalidOperationException($"Column {column} of {table} holds {columns[column - 1].Type}, not {type}.");
            _nextColumn++;
            var prefix = column == 1 ? sizeof(short) + sizeof(int) : sizeof(int);
            var size = Math.Max(length, 0);
            var span = _batch.GetSpan(prefix + size);
            if (column == 1) BinaryPrimitives.WriteInt16BigEndian(span, checked((short)columns.Count));
            BinaryPrimitives.WriteInt32BigEndian(span[(prefix - sizeof(int))..], length);
            _batch.Advance(prefix + size);
            return span.Slice(prefix, size);
        }

        public override void Dispose() { }
    }
}
