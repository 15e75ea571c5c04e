using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PartnerOffice.Retail;

/// <summary>How much demo data to make. The same numbers on an empty database always give the same rows.</summary>
public sealed record DemoDataVolume(int Orders, int ProductsPerPartner = 200, int? Members = null)
{
    public int MemberCount => Members ?? Math.Max(50, Orders / 10);
}

public sealed record DemoDataReport(int Partners, long Products, long Orders, long OrderLines, long Members, long Settlements, TimeSpan Elapsed)
{
    public double RowsPerSecond => (Products + Orders + OrderLines + Members + Settlements) / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>
/// Writes deterministic retail demo data fast: statements prepared once and bound by position on SQLite's own
/// handle, inside large transactions, with explicit keys so lines can point at their orders without reading
/// anything back. One partner is much larger than the others, as in real marketplaces, so exports of very
/// different sizes can be tried.
/// </summary>
public static class RetailDataSeeder
{
    public static readonly IReadOnlyList<(string Code, string Name, int Weight)> DemoPartners =
    [
        ("HANBIT", "한빛상사", 60),
        ("BADA", "바다마켓", 20),
        ("SORA", "소라리빙", 10),
        ("NAMU", "나무공방", 6),
        ("GAON", "가온푸드", 4),
    ];

    /// <summary>Orders are spread over the twelve months before this instant (fixed, so data is reproducible).</summary>
    public static readonly DateTime DataEndsAt = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Categories = ["패션", "가전", "식품", "리빙", "뷰티", "스포츠", "도서", "완구"];
    private static readonly string[] FamilyNames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
    private static readonly string[] GivenNames = ["민준", "서연", "도윤", "하은", "시우", "지우", "예준", "수아", "주원", "지민"];
    private static readonly string[] ProductWords = ["프리미엄", "데일리", "클래식", "스마트", "에코", "미니", "울트라", "베이직"];
    private static readonly string[] ProductNouns = ["티셔츠", "텀블러", "블렌더", "쿠션", "크림", "러닝화", "노트", "블록세트", "커피원두", "무선이어폰"];
    /// <summary>Every family name followed by every given name, as UTF-8: index family * 10 + given.</summary>
    private static readonly byte[][] PersonNames =
        FamilyNames.SelectMany(family => GivenNames.Select(given => Encoding.UTF8.GetBytes(family + given))).ToArray();
    private const int BatchSize = 50_000;

    public static async Task<DemoDataReport> SeedAsync(string connectionString, DemoDataVolume volume, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        // Every key is made here and points at a row just written or read, so SQLite's lookup of each line's order
        // and product, which cost about as much as inserting the line, is turned off for this connection.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;");

        var random = new Random(20261123);
        var partnerIds = EnsurePartners(connection);
        var weights = DemoPartners.Select(p => p.Weight).ToArray();
        var products = SeedProducts(connection, partnerIds, volume.ProductsPerPartner, random);
        var (orders, lines) = SeedOrders(connection, partnerIds, weights, products, volume.Orders, random, cancellationToken);
        var members = SeedMembers(connection, partnerIds, weights, volume.MemberCount, random);
        var settlements = SeedSettlements(connection, partnerIds);
        Execute(connection, "PRAGMA synchronous=NORMAL; ANALYZE;");
        return new DemoDataReport(partnerIds.Length, products.Sum(p => (long)p.Count), orders, lines, members, settlements, clock.Elapsed);
    }

    private static int[] EnsurePartners(SqliteConnection connection)
    {
        using var insert = Command(connection, "INSERT OR IGNORE INTO Partners (Code, Name, CreatedAt) VALUES ($code, $name, $createdAt)");
        foreach (var (code, name, _) in DemoPartners)
        {
            insert.Parameters["$code"].Value = code;
            insert.Parameters["$name"].Value = name;
            insert.Parameters["$createdAt"].Value = Format(DataEndsAt.AddYears(-2));
            insert.ExecuteNonQuery();
        }
        return DemoPartners.Select(p => Convert.ToInt32(Scalar(connection, $"SELECT Id FROM Partners WHERE Code = '{p.Code}'"))).ToArray();
    }

    /// <summary>Products per partner, as (id, price) so that order lines can reference real products.</summary>
    private static List<(long Id, long Price)>[] SeedProducts(SqliteConnection connection, int[] partnerIds, int perPartner, Random random)
    {
        var result = new List<(long, long)>[partnerIds.Length];
        var nextId = NextId(connection, "Products");
        using var transaction = connection.BeginTransaction();
        using var insert = new RowInsert(connection, "INSERT INTO Products (Id, PartnerId, Sku, Name, Category, Price, Stock, CreatedAt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (var p = 0; p < partnerIds.Length; p++)
        {
            var existing = Convert.ToInt64(Scalar(connection, $"SELECT COUNT(*) FROM Products WHERE PartnerId = {partnerIds[p]}", transaction));
            result[p] = [];
            if (existing > 0)
            {
                using var read = Command(connection, $"SELECT Id, Price FROM Products WHERE PartnerId = {partnerIds[p]} ORDER BY Id", transaction);
                using var reader = read.ExecuteReader();
                while (reader.Read()) result[p].Add((reader.GetInt64(0), reader.GetInt64(1)));
                continue;
            }
            for (var i = 0; i < perPartner; i++)
            {
                var id = nextId++;
                var price = (random.Next(10, 3000) * 100L);
                insert.Set(1, id).Set(2, partnerIds[p]).Set(3, $"{DemoPartners[p].Code}-{i + 1:D5}")
                    .Set(4, $"{ProductWords[random.Next(ProductWords.Length)]} {ProductNouns[random.Next(ProductNouns.Length)]} {i + 1}")
                    .Set(5, Categories[random.Next(Categories.Length)]).Set(6, price).Set(7, random.Next(0, 500))
                    .Set(8, DataEndsAt.AddDays(-random.Next(400, 700)))
                    .Run();
                result[p].Add((id, price));
            }
        }
        transaction.Commit();
        return result;
    }

    private static (long Orders, long Lines) SeedOrders(SqliteConnection connection, int[] partnerIds, int[] weights,
        List<(long Id, long Price)>[] products, int count, Random random, CancellationToken cancellationToken)
    {
        var orderId = NextId(connection, "Orders");
        var lineId = NextId(connection, "OrderLines");
        var statuses = Enum.GetNames<OrderStatus>().Select(Encoding.UTF8.GetBytes).ToArray();
        var span = (long)TimeSpan.FromDays(365).TotalSeconds;
        long lines = 0;
        var orderLines = new (long ProductId, long Price, int Quantity)[4];
        var number = new byte[32]; // "yyMMdd-" and at most 19 digits
        using var insertOrder = new RowInsert(connection, "INSERT INTO Orders (Id, PartnerId, OrderNumber, OrderedAt, Status, CustomerName, ItemCount, TotalAmount, ShippingFee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        using var insertLine = new RowInsert(connection, "INSERT INTO OrderLines (Id, OrderId, PartnerId, ProductId, Quantity, UnitPrice, Amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        for (var done = 0; done < count; )
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var transaction = connection.BeginTransaction();
            var batchEnd = Math.Min(count, done + BatchSize);
            for (; done < batchEnd; done++, orderId++)
            {
                var p = Pick(weights, random);
                var orderedAt = DataEndsAt.AddSeconds(-span + (long)(random.NextDouble() * span));
                var lineCount = 1 + random.Next(4);
                long total = 0;
                for (var l = 0; l < lineCount; l++)
                {
                    var (productId, price) = products[p][random.Next(products[p].Count)];
                    var quantity = 1 + random.Next(3);
                    orderLines[l] = (productId, price, quantity);
                    total += price * quantity;
                }
                var fee = total >= 50_000 ? 0 : 3_000;
                Utf8.TryWrite(number, CultureInfo.InvariantCulture, $"{orderedAt:yyMMdd}-{orderId:D8}", out var numberLength);
                insertOrder.Set(1, orderId).Set(2, partnerIds[p]).Set(3, number.AsSpan(0, numberLength)).Set(4, orderedAt)
                    .Set(5, statuses[Pick(StatusWeights, random)]).Set(6, RandomPersonName(random))
                    .Set(7, lineCount).Set(8, total + fee).Set(9, fee)
                    .Run();
                for (var l = 0; l < lineCount; l++, lineId++)
                {
                    var (productId, price, quantity) = orderLines[l];
                    insertLine.Set(1, lineId).Set(2, orderId).Set(3, partnerIds[p]).Set(4, productId)
                        .Set(5, quantity).Set(6, price).Set(7, price * quantity)
                        .Run();
                }
                lines += lineCount;
            }
            transaction.Commit();
        }
        return (count, lines);
    }

    // Placed, Paid, Shipped, Delivered, Cancelled, Returned: most orders end up delivered.
    private static readonly int[] StatusWeights = [5, 10, 15, 60, 7, 3];

    private static long SeedMembers(SqliteConnection connection, int[] partnerIds, int[] weights, int count, Random random)
    {
        var id = NextId(connection, "Members");
        using var transaction = connection.BeginTransaction();
        using var insert = new RowInsert(connection, "INSERT INTO Members (Id, PartnerId, Email, Name, Status, SignedUpAt, ReviewedAt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        var domains = DemoPartners.Select(p => p.Code.ToLowerInvariant()).ToArray();
        var email = new byte[64]; // "member", at most 19 digits, "@", a partner code and ".example"
        for (var i = 0; i < count; i++, id++)
        {
            var p = Pick(weights, random);
            // The newest members are still waiting for the day-after review.
            var signedUpAt = DataEndsAt.AddMinutes(-random.Next(0, 60 * 24 * 365));
            var waiting = signedUpAt > DataEndsAt.AddDays(-2);
            Utf8.TryWrite(email, CultureInfo.InvariantCulture, $"member{id}@{domains[p]}.example", out var emailLength);
            insert.Set(1, id).Set(2, partnerIds[p]).Set(3, email.AsSpan(0, emailLength)).Set(4, RandomPersonName(random))
                .Set(5, waiting ? nameof(MemberStatus.Waiting) : nameof(MemberStatus.Completed)).Set(6, signedUpAt);
            if (waiting) insert.SetNull(7);
            else insert.Set(7, signedUpAt.AddDays(1));
            insert.Run();
        }
        transaction.Commit();
        return count;
    }

    /// <summary>One settlement per partner and month, computed from that month's delivered orders.</summary>
    private static long SeedSettlements(SqliteConnection connection, int[] partnerIds)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, "DELETE FROM Settlements", transaction);
        var first = DataEndsAt.AddMonths(-12);
        // One pass over the table for all months: a query per month found its orders through the (partner, date) index
        // and then read each one out of key order, which took longer than the scan.
        var gross = new Dictionary<(long PartnerId, string Month), long>();
        using (var sums = Command(connection, """
            SELECT PartnerId, substr(OrderedAt, 1, 7), SUM(TotalAmount) FROM Orders NOT INDEXED
            WHERE Status = 'Delivered' AND OrderedAt >= $from AND OrderedAt < $to GROUP BY 1, 2
            """, transaction))
        {
            sums.Parameters["$from"].Value = Format(first);
            sums.Parameters["$to"].Value = Format(DataEndsAt);
            using var reader = sums.ExecuteReader();
            while (reader.Read()) gross[(reader.GetInt64(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        using var insert = new RowInsert(connection, "INSERT INTO Settlements (PartnerId, PeriodStart, PeriodEnd, GrossAmount, Commission, NetAmount, Status, PaidAt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        var inserted = 0L;
        for (var month = first; month < DataEndsAt; month = month.AddMonths(1))
        {
            var paid = month.AddMonths(1) < DataEndsAt;
            foreach (var partnerId in partnerIds.Order())
            {
                var amount = gross.GetValueOrDefault((partnerId, month.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
                var commission = amount * 8 / 100;
                insert.Set(1, partnerId).Set(2, month).Set(3, month.AddMonths(1)).Set(4, amount).Set(5, commission).Set(6, amount - commission)
                    .Set(7, paid ? nameof(SettlementStatus.Paid) : nameof(SettlementStatus.Pending));
                if (paid) insert.Set(8, month.AddMonths(1).AddDays(10));
                else insert.SetNull(8);
                insert.Run();
                inserted++;
            }
        }
        transaction.Commit();
        return inserted;
    }

    /// <summary>A family name, then a given name, drawn in that order.</summary>
    private static byte[] RandomPersonName(Random random)
    {
        var family = random.Next(FamilyNames.Length);
        return PersonNames[family * GivenNames.Length + random.Next(GivenNames.Length)];
    }

    private static int Pick(int[] weights, Random random)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>The text form EF Core's SQLite provider uses for <see cref="DateTime"/>, so both read the same values.</summary>
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Format(DateTime value) => value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static long NextId(SqliteConnection connection, string table) =>
        Convert.ToInt64(Scalar(connection, $"SELECT COALESCE(MAX(Id), 0) + 1 FROM {table}"));

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+"))
            if (!command.Parameters.Contains(match.Value)) command.Parameters.Add(new SqliteParameter(match.Value, null));
        command.Prepare();
        return command;
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One INSERT prepared on the connection's SQLite handle and bound by position. Through
    /// <see cref="SqliteCommand"/> every execution looks its parameters up by name and boxes their values.
    /// Bindings stay until set again, so every column is set before each run.
    /// </summary>
    private sealed class RowInsert : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _statement;
        private readonly byte[] _dateTime = new byte[DateTimeFormat.Length]; // years have four digits

        public RowInsert(SqliteConnection connection, string sql)
        {
            _connection = connection;
            Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
        }

        public RowInsert Set(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

        public RowInsert Set(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

        public RowInsert Set(int index, string text) => Check(raw.sqlite3_bind_text(_statement, index, text));

        public RowInsert Set(int index, DateTime value)
        {
            value.TryFormat(_dateTime, out var length, DateTimeFormat, CultureInfo.InvariantCulture);
            return Set(index, _dateTime.AsSpan(0, length));
        }

        public RowInsert SetNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

        public void Run()
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE) Check(result);
            raw.sqlite3_reset(_statement);
        }

        private RowInsert Check(int result) => result == raw.SQLITE_OK
            ? this
            : throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), result);

        public void Dispose() => _statement.Dispose();
    }
}
