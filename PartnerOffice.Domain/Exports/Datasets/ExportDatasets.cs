using PartnerOffice.Retail;

namespace PartnerOffice.Exports.Datasets;

/// <summary>The catalogue of exportable datasets.</summary>
public static class ExportDatasets
{
    public static readonly ExportDataset Orders = new(
        "orders", "Orders", "Orders o", "o.Id", "o.PartnerId",
        [
            (new("orderId", "Order ID", ColumnType.Integer, 11), "o.Id"),
            (new("orderNumber", "Order number", ColumnType.Text, 18), "o.OrderNumber"),
            (new("orderedAt", "Ordered at (UTC)", ColumnType.DateTime, 20), "o.OrderedAt"),
            (new("status", "Status", ColumnType.Text, 11), "o.Status"),
            (new("customerName", "Customer", ColumnType.Text, 14, Personal: true), "o.CustomerName"),
            (new("itemCount", "Items", ColumnType.Integer, 7), "o.ItemCount"),
            (new("totalAmount", "Total (KRW)", ColumnType.Money, 14), "o.TotalAmount"),
            (new("shippingFee", "Shipping fee (KRW)", ColumnType.Money, 14), "o.ShippingFee"),
        ],
        new DatasetFilters(
            DateRange: new DateRangeFilter("o.OrderedAt"),
            Status: new StatusFilter(Enum.GetNames<OrderStatus>(), "o.Status")));

    /// <summary>Lines carry their order's number and date and their product's SKU and name, so the file reads on its own.</summary>
    public static readonly ExportDataset OrderLines = new(
        "order-lines", "Order lines",
        "OrderLines l JOIN Orders o ON o.Id = l.OrderId JOIN Products p ON p.Id = l.ProductId", "l.Id", "l.PartnerId",
        [
            (new("lineId", "Line ID", ColumnType.Integer, 11), "l.Id"),
            (new("orderId", "Order ID", ColumnType.Integer, 11), "l.OrderId"),
            (new("orderNumber", "Order number", ColumnType.Text, 18), "o.OrderNumber"),
            (new("orderedAt", "Ordered at (UTC)", ColumnType.DateTime, 20), "o.OrderedAt"),
            (new("orderStatus", "Order status", ColumnType.Text, 12), "o.Status"),
            (new("productId", "Product ID", ColumnType.Integer, 11), "l.ProductId"),
            (new("sku", "SKU", ColumnType.Text, 14), "p.Sku"),
            (new("productName", "Product", ColumnType.Text, 26), "p.Name"),
            (new("quantity", "Quantity", ColumnType.Integer, 9), "l.Quantity"),
            (new("unitPrice", "Unit price (KRW)", ColumnType.Money, 14), "l.UnitPrice"),
            (new("amount", "Amount (KRW)", ColumnType.Money, 14), "l.Amount"),
        ],
        new DatasetFilters(
            DateRange: new DateRangeFilter("o.OrderedAt"),
            Status: new StatusFilter(Enum.GetNames<OrderStatus>(), "o.Status")));

    public static readonly ExportDataset Settlements = new(
        "settlements", "Settlements", "Settlements s", "s.Id", "s.PartnerId",
        [
            (new("settlementId", "Settlement ID", ColumnType.Integer, 13), "s.Id"),
            (new("periodStart", "Period start", ColumnType.Date, 12), "s.PeriodStart"),
            (new("periodEnd", "Period end", ColumnType.Date, 12), "s.PeriodEnd"),
            (new("grossAmount", "Gross (KRW)", ColumnType.Money, 16), "s.GrossAmount"),
            (new("commission", "Commission (KRW)", ColumnType.Money, 16), "s.Commission"),
            (new("netAmount", "Net (KRW)", ColumnType.Money, 16), "s.NetAmount"),
            (new("status", "Status", ColumnType.Text, 10), "s.Status"),
            (new("paidAt", "Paid at (UTC)", ColumnType.DateTime, 20, Nullable: true), "s.PaidAt"),
        ],
        new DatasetFilters(
            DateRange: new DateRangeFilter("s.PeriodStart"),
            Status: new StatusFilter(Enum.GetNames<SettlementStatus>(), "s.Status")));

    public static readonly ExportDataset Products = new(
        "products", "Products", "Products p", "p.Id", "p.PartnerId",
        [
            (new("productId", "Product ID", ColumnType.Integer, 11), "p.Id"),
            (new("sku", "SKU", ColumnType.Text, 14), "p.Sku"),
            (new("name", "Name", ColumnType.Text, 26), "p.Name"),
            (new("category", "Category", ColumnType.Text, 12), "p.Category"),
            (new("price", "Price (KRW)", ColumnType.Money, 14), "p.Price"),
            (new("stock", "Stock", ColumnType.Integer, 8), "p.Stock"),
            (new("createdAt", "Created at (UTC)", ColumnType.DateTime, 20), "p.CreatedAt"),
        ],
        new DatasetFilters(Category: new CategoryFilter("p.Category", MaxLength: 64)));

    public static readonly ExportDataset Members = new(
        "members", "Members", "Members m", "m.Id", "m.PartnerId",
        [
            (new("memberId", "Member ID", ColumnType.Integer, 11), "m.Id"),
            (new("email", "Email", ColumnType.Text, 30, Personal: true), "m.Email"),
            (new("name", "Name", ColumnType.Text, 14, Personal: true), "m.Name"),
            (new("status", "Status", ColumnType.Text, 11), "m.Status"),
            (new("signedUpAt", "Signed up at (UTC)", ColumnType.DateTime, 20), "m.SignedUpAt"),
            (new("reviewedAt", "Reviewed at (UTC)", ColumnType.DateTime, 20, Nullable: true), "m.ReviewedAt"),
        ],
        new DatasetFilters(
            DateRange: new DateRangeFilter("m.SignedUpAt"),
            Status: new StatusFilter(Enum.GetNames<MemberStatus>(), "m.Status")));

    public static IReadOnlyList<ExportDataset> All { get; } = [Orders, OrderLines, Settlements, Products, Members];

    /// <summary>The dataset with this name (case-insensitive), or null.</summary>
    public static ExportDataset? Find(string? name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
