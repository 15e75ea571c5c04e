namespace PartnerOffice.Ingest;

/// <summary>An order placed on the marketplace for one of its sellers (a partner), as its order feed reported it last.</summary>
public sealed class MarketplaceOrder
{
    public long Id { get; set; }
    /// <summary>The marketplace's order id: the key upserts match on, so a record read twice is stored once.</summary>
    public required string ExternalId { get; set; }
    /// <summary>The seller's code at the marketplace (a partner's code).</summary>
    public required string SellerCode { get; set; }
    /// <summary>UTC; with <see cref="ExternalId"/> the feed's order, and so the watermark.</summary>
    public DateTime PlacedAt { get; set; }
    public required string BuyerName { get; set; }
    /// <summary>Whole won.</summary>
    public long Amount { get; set; }
    public required string Status { get; set; }
    /// <summary>UTC: when a run first stored the record, and when one last changed it.</summary>
    public DateTime ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum FollowUpStatus
{
    /// <summary>Not tried yet (or put back by an operator).</summary>
    Pending,
    /// <summary>Failed at least once; tried again at <see cref="InvoiceFollowUp.NextAttemptAt"/>.</summary>
    Retrying,
    Done,
    /// <summary>Still failing when the retry window after its first failure ran out; alerted.</summary>
    Failed,
}

/// <summary>
/// The invoice the marketplace's invoice service makes for a new order: stored with the order in the same chunk, so
/// none is lost, and run by whichever process claims it (a lease, so never by two at once).
/// </summary>
public sealed class InvoiceFollowUp
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public MarketplaceOrder Order { get; set; } = default!;
    public FollowUpStatus Status { get; set; }
    /// <summary>Calls made so far, successful or not.</summary>
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>UTC: the first failure opens the retry window (<see cref="IngestOptions.RetryWindow"/>).</summary>
    public DateTime? FirstFailedAt { get; set; }
    /// <summary>UTC: not claimed before this.</summary>
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The worker calling the service now, until <see cref="LeaseExpiresAt"/>; another may claim it after that.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>The invoice service's number for the document it made.</summary>
    public string? InvoiceNumber { get; set; }
}
