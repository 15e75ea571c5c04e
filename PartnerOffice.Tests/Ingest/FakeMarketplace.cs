using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PartnerOffice.Ingest;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Ingest;

/// <summary>
/// The marketplace on loopback, as docs/ingest.md describes it: <c>GET /v1/orders</c> pages its orders strictly after
/// <c>after</c>/<c>afterId</c>, oldest first; <c>POST /v1/invoices</c> answers as <see cref="Invoices"/> says.
/// </summary>
public sealed class FakeMarketplace : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<FeedOrder> orders = [];
    private LoopbackHttpServer server = default!;

    public static async Task<FakeMarketplace> StartAsync()
    {
        var marketplace = new FakeMarketplace();
        marketplace.server = await LoopbackHttpServer.StartAsync(marketplace.HandleAsync);
        return marketplace;
    }

    public Uri BaseAddress => server.BaseAddress;

    /// <summary>The feed answers from its first order whatever position it is asked for, as a feed replaying its history would.</summary>
    public bool IgnoresPosition { get; set; }

    /// <summary>Answers <c>GET /v1/orders</c> with this status from the n-th feed request on (1-based); 0 never.</summary>
    public int FailFeedFromRequest { get; set; }

    /// <summary>Decides each invoice call's answer from the order id: a status code (200 answers an invoice number).</summary>
    public Func<string, int> Invoices { get; set; } = _ => StatusCodes.Status200OK;

    public ConcurrentQueue<ReceivedRequest> Requests => server.Requests;

    public IEnumerable<string> FeedQueries => server.Requests.Where(r => r.PathAndQuery.StartsWith("/v1/orders")).Select(r => r.PathAndQuery);

    public IEnumerable<ReceivedRequest> InvoiceCalls => server.Requests.Where(r => r.PathAndQuery == "/v1/invoices");

    public Task<ReceivedRequest> NextRequestAsync() => server.NextRequestAsync();

    /// <summary>Adds orders (or replaces those with the same id), one second apart from <paramref name="from"/>.</summary>
    public void Publish(DateTime from, params string[] orderIds)
    {
        lock (orders)
            for (var i = 0; i < orderIds.Length; i++)
            {
                orders.RemoveAll(o => o.OrderId == orderIds[i]);
                orders.Add(new FeedOrder(orderIds[i], "HANBIT", from.AddSeconds(i), $"구매자 {orderIds[i]}", 10_000 + i, "Paid"));
            }
    }

    public void Change(string orderId, string status)
    {
        lock (orders)
        {
            var index = orders.FindIndex(o => o.OrderId == orderId);
            orders[index] = orders[index] with { Status = status };
        }
    }

    private async Task HandleAsync(HttpContext context, ReceivedRequest request)
    {
        if (request.PathAndQuery.StartsWith("/v1/orders"))
        {
            if (FailFeedFromRequest > 0 && FeedQueries.Count() >= FailFeedFromRequest)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            var query = context.Request.Query;
            var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
            List<FeedOrder> page;
            bool hasMore;
            lock (orders)
            {
                var ordered = orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToList();
                if (!IgnoresPosition && query.ContainsKey("after"))
                {
                    var after = DateTime.Parse(query["after"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                    string afterId = query["afterId"]!;
                    ordered = ordered.Where(o => o.PlacedAt > after || o.PlacedAt == after && string.CompareOrdinal(o.OrderId, afterId) > 0).ToList();
                }
                page = ordered.Take(limit).ToList();
                hasMore = ordered.Count > limit;
            }
            await context.Response.WriteAsJsonAsync(new FeedPage(page, hasMore), Json);
            return;
        }
        if (request.PathAndQuery == "/v1/invoices")
        {
            var orderId = JsonDocument.Parse(request.Body).RootElement.GetProperty("orderId").GetString()!;
            context.Response.StatusCode = Invoices(orderId);
            if (context.Response.StatusCode == StatusCodes.Status200OK)
                await context.Response.WriteAsJsonAsync(new { invoiceNumber = $"INV-{orderId}" });
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
