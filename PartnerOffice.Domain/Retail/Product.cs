namespace PartnerOffice.Retail;

/// <summary>A product a partner sells. Money is whole won (KRW has no minor unit).</summary>
public sealed class Product
{
    public long Id { get; set; }
    public int PartnerId { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public required string Category { get; set; }
    public long Price { get; set; }
    public int Stock { get; set; }
    public DateTime CreatedAt { get; set; }
}
