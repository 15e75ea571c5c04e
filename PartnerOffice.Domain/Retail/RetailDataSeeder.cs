using System.Diagnostics;
using Microsoft.Data.Sqlite;

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
/// Writes deterministic retail demo data fast: prepared statements inside large transactions, explicit
/// keys so lines can point at their orders without reading anything back. One partner is much larger than
/// the others, as in real marketplaces, so exports of very different sizes can be tried.
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
    private const int BatchSize = 50_000;

    public static async Task<DemoDataReport> SeedAsync(string connectionString, DemoDataVolume volume, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
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
        using var insert = Command(connection, "INSERT INTO Products (Id, PartnerId, Sku, Name, Category, Price, Stock, CreatedAt) VALUES ($id, $partnerId, $sku, $name, $category, $price, $stock, $createdAt)", transaction);
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
                insert.Parameters["$id"].Value = id;
                insert.Parameters["$partnerId"].Value = partnerIds[p];
                insert.Parameters["$sku"].Value = $"{DemoPartners[p].Code}-{i + 1:D5}";
                insert.Parameters["$name"].Value = $"{ProductWords[random.Next(ProductWords.Length)]} {ProductNouns[random.Next(ProductNouns.Length)]} {i + 1}";
                insert.Parameters["$category"].Value = Categories[random.Next(Categories.Length)];
                insert.Parameters["$price"].Value = price;
                insert.Parameters["$stock"].Value = random.Next(0, 500);
                insert.Parameters["$createdAt"].Value = Format(DataEndsAt.AddDays(-random.Next(400, 700)));
                insert.ExecuteNonQuery();
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
        var statuses = Enum.GetNames<OrderStatus>();
        var span = (long)TimeSpan.FromDays(365).TotalSeconds;
        long lines = 0;
        var orderLines = new (long ProductId, long Price, int Quantity)[4];
        for (var done = 0; done < count; )
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var transaction = connection.BeginTransaction();
            using var insertOrder = Command(connection, "INSERT INTO Orders (Id, PartnerId, OrderNumber, OrderedAt, Status, CustomerName, ItemCount, TotalAmount, ShippingFee) VALUES ($id, $partnerId, $number, $orderedAt, $status, $customer, $items, $total, $fee)", transaction);
            using var insertLine = Command(connection, "INSERT INTO OrderLines (Id, OrderId, PartnerId, ProductId, Quantity, UnitPrice, Amount) VALUES ($id, $orderId, $partnerId, $productId, $quantity, $unitPrice, $amount)", transaction);
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
                insertOrder.Parameters["$id"].Value = orderId;
                insertOrder.Parameters["$partnerId"].Value = partnerIds[p];
                insertOrder.Parameters["$number"].Value = $"{orderedAt:yyMMdd}-{orderId:D8}";
                insertOrder.Parameters["$orderedAt"].Value = Format(orderedAt);
                insertOrder.Parameters["$status"].Value = statuses[Pick(StatusWeights, random)];
                insertOrder.Parameters["$customer"].Value = FamilyNames[random.Next(FamilyNames.Length)] + GivenNames[random.Next(GivenNames.Length)];
                insertOrder.Parameters["$items"].Value = lineCount;
                insertOrder.Parameters["$total"].Value = total + fee;
                insertOrder.Parameters["$fee"].Value = fee;
                insertOrder.ExecuteNonQuery();
                for (var l = 0; l < lineCount; l++, lineId++)
                {
                    var (productId, price, quantity) = orderLines[l];
                    insertLine.Parameters["$id"].Value = lineId;
                    insertLine.Parameters["$orderId"].Value = orderId;
                    insertLine.Parameters["$partnerId"].Value = partnerIds[p];
                    insertLine.Parameters["$productId"].Value = productId;
                    insertLine.Parameters["$quantity"].Value = quantity;
                    insertLine.Parameters["$unitPrice"].Value = price;
                    insertLine.Parameters["$amount"].Value = price * quantity;
                    insertLine.ExecuteNonQuery();
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
        using var insert = Command(connection, "INSERT INTO Members (Id, PartnerId, Email, Name, Status, SignedUpAt, ReviewedAt) VALUES ($id, $partnerId, $email, $name, $status, $signedUpAt, $reviewedAt)", transaction);
        for (var i = 0; i < count; i++, id++)
        {
            var p = Pick(weights, random);
            // The newest members are still waiting for the day-after review.
            var signedUpAt = DataEndsAt.AddMinutes(-random.Next(0, 60 * 24 * 365));
            var waiting = signedUpAt > DataEndsAt.AddDays(-2);
            insert.Parameters["$id"].Value = id;
            insert.Parameters["$partnerId"].Value = partnerIds[p];
            insert.Parameters["$email"].Value = $"member{id}@{DemoPartners[p].Code.ToLowerInvariant()}.example";
            insert.Parameters["$name"].Value = FamilyNames[random.Next(FamilyNames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            insert.Parameters["$status"].Value = waiting ? nameof(MemberStatus.Waiting) : nameof(MemberStatus.Completed);
            insert.Parameters["$signedUpAt"].Value = Format(signedUpAt);
            insert.Parameters["$reviewedAt"].Value = waiting ? DBNull.Value : Format(signedUpAt.AddDays(1));
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return count;
    }

    /// <summary>One settlement per partner and month, computed from that month's delivered orders.</summary>
    private static long SeedSettlements(SqliteConnection connection, int[] partnerIds)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, "DELETE FROM Settlements", transaction);
        var inserted = 0L;
        for (var month = DataEndsAt.AddMonths(-12); month < DataEndsAt; month = month.AddMonths(1))
        {
            using var insert = Command(connection, """
                INSERT INTO Settlements (PartnerId, PeriodStart, PeriodEnd, GrossAmount, Commission, NetAmount, Status, PaidAt)
                SELECT p.Id, $start, $end, COALESCE(SUM(o.TotalAmount), 0), COALESCE(SUM(o.TotalAmount), 0) * 8 / 100,
                       COALESCE(SUM(o.TotalAmount), 0) - COALESCE(SUM(o.TotalAmount), 0) * 8 / 100, $status, $paidAt
                FROM Partners p LEFT JOIN Orders o ON o.PartnerId = p.Id AND o.Status = 'Delivered' AND o.OrderedAt >= $start AND o.OrderedAt < $end
                WHERE p.Id IN (SELECT value FROM json_each($partners))
                GROUP BY p.Id
                """, transaction);
            var paid = month.AddMonths(1) < DataEndsAt;
            insert.Parameters["$start"].Value = Format(month);
            insert.Parameters["$end"].Value = Format(month.AddMonths(1));
            insert.Parameters["$status"].Value = paid ? nameof(SettlementStatus.Paid) : nameof(SettlementStatus.Pending);
            insert.Parameters["$paidAt"].Value = paid ? Format(month.AddMonths(1).AddDays(10)) : DBNull.Value;
            insert.Parameters["$partners"].Value = "[" + string.Join(",", partnerIds) + "]";
            inserted += insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return inserted;
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
    public static string Format(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

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
}
