using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using PartnerOffice.Jobs.Database;

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
/// Writes deterministic retail demo data fast, through each engine's bulk path (<see cref="DemoDataStore"/>: SQLite
/// statements bound on its own handle, PostgreSQL binary COPY), with explicit keys so lines can point at their orders
/// without reading anything back. One partner is much larger than the others, as in real marketplaces, so exports
/// of very different sizes can be tried.
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

    public static Task<DemoDataReport> SeedAsync(DatabaseConnection database, DemoDataVolume volume, CancellationToken cancellationToken = default) =>
        // The stores write synchronously (their bulk paths are), so the whole seed runs off the caller's thread.
        Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            using var store = DemoDataStore.Open(database);
            var random = new Random(20261123);
            var partnerIds = store.EnsurePartners(DemoPartners.Select(p => (p.Code, p.Name)).ToList(), DataEndsAt.AddYears(-2));
            var weights = DemoPartners.Select(p => p.Weight).ToArray();
            var products = SeedProducts(store, partnerIds, volume.ProductsPerPartner, random);
            var (orders, lines) = SeedOrders(store, partnerIds, weights, products, volume.Orders, random, cancellationToken);
            var members = SeedMembers(store, partnerIds, weights, volume.MemberCount, random);
            var settlements = SeedSettlements(store, partnerIds);
            store.Finish();
            return new DemoDataReport(partnerIds.Length, products.Sum(p => (long)p.Count), orders, lines, members, settlements, clock.Elapsed);
        }, cancellationToken);

    /// <summary>Products per partner, as (id, price) so that order lines can reference real products.</summary>
    private static List<(long Id, long Price)>[] SeedProducts(DemoDataStore store, int[] partnerIds, int perPartner, Random random)
    {
        var result = new List<(long, long)>[partnerIds.Length];
        var nextId = store.NextId("Products");
        using var insert = store.OpenTable("Products", DemoDataStore.ProductColumns);
        for (var p = 0; p < partnerIds.Length; p++)
        {
            result[p] = store.ExistingProducts(partnerIds[p]);
            if (result[p].Count > 0) continue;
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
        insert.Complete();
        return result;
    }

    private static (long Orders, long Lines) SeedOrders(DemoDataStore store, int[] partnerIds, int[] weights,
        List<(long Id, long Price)>[] products, int count, Random random, CancellationToken cancellationToken)
    {
        var orderId = store.NextId("Orders");
        var lineId = store.NextId("OrderLines");
        var statuses = Enum.GetNames<OrderStatus>().Select(Encoding.UTF8.GetBytes).ToArray();
        var span = (long)TimeSpan.FromDays(365).TotalSeconds;
        long lines = 0;
        var orderLines = new (long ProductId, long Price, int Quantity)[4];
        var number = new byte[32]; // "yyMMdd-" and at most 19 digits
        using var insertOrder = store.OpenTable("Orders", DemoDataStore.OrderColumns);
        using var insertLine = store.OpenTable("OrderLines", DemoDataStore.OrderLineColumns);
        for (var done = 0; done < count; )
        {
            cancellationToken.ThrowIfCancellationRequested();
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
            store.CommitBatch();
        }
        insertOrder.Complete();
        insertLine.Complete();
        return (count, lines);
    }

    // Placed, Paid, Shipped, Delivered, Cancelled, Returned: most orders end up delivered.
    private static readonly int[] StatusWeights = [5, 10, 15, 60, 7, 3];

    private static long SeedMembers(DemoDataStore store, int[] partnerIds, int[] weights, int count, Random random)
    {
        var id = store.NextId("Members");
        using var insert = store.OpenTable("Members", DemoDataStore.MemberColumns);
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
        insert.Complete();
        return count;
    }

    /// <summary>One settlement per partner and month, computed from that month's delivered orders.</summary>
    private static long SeedSettlements(DemoDataStore store, int[] partnerIds)
    {
        var first = DataEndsAt.AddMonths(-12);
        var gross = store.ReplaceSettlementsAndSumDelivered(first, DataEndsAt);
        using var insert = store.OpenTable("Settlements", DemoDataStore.SettlementColumns);
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
        insert.Complete();
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
    internal const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Format(DateTime value) => value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
}
