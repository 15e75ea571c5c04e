namespace PartnerOffice.Retail;

public enum MemberStatus { Waiting, Completed }

/// <summary>A shopper who joined a partner's store; reviewed from WAITING to COMPLETED a day after sign-up.</summary>
public sealed class Member
{
    public long Id { get; set; }
    public int PartnerId { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public MemberStatus Status { get; set; }
    public DateTime SignedUpAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
}
