namespace PartnerOffice.Retail;

/// <summary>A seller company. Every partner user and every business row belongs to exactly one partner.</summary>
public sealed class Partner
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}
