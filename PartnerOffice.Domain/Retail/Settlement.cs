namespace PartnerOffice.Retail;

public enum SettlementStatus { Pending, Paid }

/// <summary>What the platform owes a partner for one period: gross sales less commission.</summary>
public sealed class Settlement
{
    public long Id { get; set; }
    public int PartnerId { get; set; }
    public DateTime PeriodStart { get; set; }
    public DateTime PeriodEnd { get; set; }
    public long GrossAmount { get; set; }
    public long Commission { get; set; }
    public long NetAmount { get; set; }
    public SettlementStatus Status { get; set; }
    public DateTime? PaidAt { get; set; }
}
