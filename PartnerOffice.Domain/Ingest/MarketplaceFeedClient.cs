using System.Globalization;
using System.Net.Http.Json;

namespace PartnerOffice.Ingest;

/// <summary>One order as the marketplace's feed sends it (docs/ingest.md).</summary>
public sealed record FeedOrder(string OrderId, string SellerCode, DateTime PlacedAt, string BuyerName, long Amount, string Status);

/// <summary>A page of the feed: orders strictly after the position asked for, oldest first.</summary>
public sealed record FeedPage(IReadOnlyList<FeedOrder> Orders, bool HasMore);

/// <summary>Where a feed read continues: after this order (its time, then its id, in the feed's order).</summary>
public sealed record FeedPosition(DateTime PlacedAt, string OrderId);

/// <summary>
/// The marketplace's order feed: <c>GET v1/orders?limit=N&amp;after=…&amp;afterId=…</c>, relative to
/// <see cref="IngestOptions.BaseUrl"/> (the HttpClient's base address).
/// </summary>
public sealed class MarketplaceFeedClient(HttpClient http)
{
    public async Task<FeedPage> GetPageAsync(FeedPosition? after, int limit, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null) throw new IngestNotConfiguredException();
        var query = $"v1/orders?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (after is not null)
            query += $"&after={Uri.EscapeDataString(after.PlacedAt.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture))}&afterId={Uri.EscapeDataString(after.OrderId)}";
        using var response = await http.GetAsync(query, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The marketplace feed answered {(int)response.StatusCode} {response.ReasonPhrase} to GET {query}.", null, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<FeedPage>(cancellationToken)
                   ?? throw new InvalidDataException($"The marketplace feed answered GET {query} with an empty body.");
        // Times are UTC on the wire; parsing may have made them local.
        return page with { Orders = page.Orders.Select(o => o with { PlacedAt = o.PlacedAt.ToUniversalTime() }).ToList() };
    }
}

public sealed class IngestNotConfiguredException()
    : InvalidOperationException($"The marketplace feed is not configured: set {IngestOptions.Section}:BaseUrl.");
