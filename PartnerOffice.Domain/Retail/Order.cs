namespace PartnerOffice.Retail;

public enum OrderStatus { Placed, Paid, Shipped, Delivered, Cancelled, Returned }

/// <summary>A customer's order placed with one partner. Amounts are whole won.</summary>
public sealed class Order
{
    public long Id { get; set; }
    public int PartnerId { get; set; }
    public required string OrderNumber { get; set; }
    public DateTime OrderedAt { get; set; }
    public OrderStatus Status { get; set; }
    public required string CustomerName { get; set; }
    public int ItemCount { get; set; }
    public long TotalAmount { get; set; }
    public long ShippingFee { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>One product on an order. The partner is repeated here so that exports can page lines by partner without a join.</summary>
public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public int PartnerId { get; set; }
    public long ProductId { get; set; }
    public int Quantity { get; set; }
    public long UnitPrice { get; set; }
    public long Amount { get; set; }
}
