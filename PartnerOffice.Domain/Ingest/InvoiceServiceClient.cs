using System.Net.Http.Json;

namespace PartnerOffice.Ingest;

/// <summary>
/// The marketplace's invoice service: <c>POST v1/invoices</c> makes the seller's invoice document for one order and
/// answers its number. Slow (seconds a call) and sometimes failing; the order id is the idempotency key, so a call
/// repeated after a lost answer makes no second invoice.
/// </summary>
public sealed class InvoiceServiceClient(HttpClient http)
{
    public async Task<string> CreateInvoiceAsync(MarketplaceOrder order, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/invoices")
        {
            Content = JsonContent.Create(new InvoiceRequest(order.ExternalId, order.SellerCode, order.Amount, order.PlacedAt)),
        };
        request.Headers.Add("Idempotency-Key", order.ExternalId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The invoice service answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        var invoice = await response.Content.ReadFromJsonAsync<InvoiceResponse>(cancellationToken);
        return string.IsNullOrWhiteSpace(invoice?.InvoiceNumber)
            ? throw new InvalidDataException("The invoice service answered without an invoice number.")
            : invoice.InvoiceNumber;
    }

    private sealed record InvoiceRequest(string OrderId, string SellerCode, long Amount, DateTime PlacedAt);

    private sealed record InvoiceResponse(string? InvoiceNumber);
}
