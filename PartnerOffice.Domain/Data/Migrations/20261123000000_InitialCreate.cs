using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerOffice.Data.Migrations;

/// <summary>
/// Hand-written: the EF Core design-time tools cannot be restored here. MigrationSchemaTests compares the
/// migrated schema with the model, so a model change without a migration fails the build's tests.
/// </summary>
[DbContext(typeof(PartnerOfficeDbContext))]
[Migration("20261123000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Partners", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Code = t.Column<string>("TEXT", maxLength: 32, nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: c => c.PrimaryKey("PK_Partners", x => x.Id));
        m.CreateIndex("IX_Partners_Code", "Partners", "Code", unique: true);

        m.CreateTable("Users", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Email = t.Column<string>("TEXT", maxLength: 256, nullable: false),
            NormalizedEmail = t.Column<string>("TEXT", maxLength: 256, nullable: false),
            DisplayName = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            PasswordHash = t.Column<string>("TEXT", nullable: false),
            Role = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            PartnerId = t.Column<int>("INTEGER", nullable: true),
            TimeZone = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            FailedSignInCount = t.Column<int>("INTEGER", nullable: false),
            LockedUntil = t.Column<DateTime>("TEXT", nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Users", x => x.Id);
            c.ForeignKey("FK_Users_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Users_NormalizedEmail", "Users", "NormalizedEmail", unique: true);
        m.CreateIndex("IX_Users_PartnerId", "Users", "PartnerId");

        m.CreateTable("ApiTokens", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            UserId = t.Column<int>("INTEGER", nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Prefix = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            SecretHash = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            LastUsedAt = t.Column<DateTime>("TEXT", nullable: true),
            RevokedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_ApiTokens", x => x.Id);
            c.ForeignKey("FK_ApiTokens_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ApiTokens_SecretHash", "ApiTokens", "SecretHash", unique: true);
        m.CreateIndex("IX_ApiTokens_UserId", "ApiTokens", "UserId");

        m.CreateTable("Products", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            PartnerId = t.Column<int>("INTEGER", nullable: false),
            Sku = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            Category = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            Price = t.Column<long>("INTEGER", nullable: false),
            Stock = t.Column<int>("INTEGER", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Products", x => x.Id);
            c.ForeignKey("FK_Products_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Products_PartnerId_Sku", "Products", new[] { "PartnerId", "Sku" }, unique: true);

        m.CreateTable("Orders", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            PartnerId = t.Column<int>("INTEGER", nullable: false),
            OrderNumber = t.Column<string>("TEXT", maxLength: 32, nullable: false),
            OrderedAt = t.Column<DateTime>("TEXT", nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            CustomerName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            ItemCount = t.Column<int>("INTEGER", nullable: false),
            TotalAmount = t.Column<long>("INTEGER", nullable: false),
            ShippingFee = t.Column<long>("INTEGER", nullable: false),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Orders", x => x.Id);
            c.ForeignKey("FK_Orders_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Orders_PartnerId_Id", "Orders", new[] { "PartnerId", "Id" });
        m.CreateIndex("IX_Orders_PartnerId_OrderedAt", "Orders", new[] { "PartnerId", "OrderedAt" });

        m.CreateTable("OrderLines", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            OrderId = t.Column<long>("INTEGER", nullable: false),
            PartnerId = t.Column<int>("INTEGER", nullable: false),
            ProductId = t.Column<long>("INTEGER", nullable: false),
            Quantity = t.Column<int>("INTEGER", nullable: false),
            UnitPrice = t.Column<long>("INTEGER", nullable: false),
            Amount = t.Column<long>("INTEGER", nullable: false),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_OrderLines", x => x.Id);
            c.ForeignKey("FK_OrderLines_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_OrderLines_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_OrderLines_OrderId", "OrderLines", "OrderId");
        m.CreateIndex("IX_OrderLines_PartnerId_Id", "OrderLines", new[] { "PartnerId", "Id" });
        m.CreateIndex("IX_OrderLines_ProductId", "OrderLines", "ProductId");

        m.CreateTable("Settlements", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            PartnerId = t.Column<int>("INTEGER", nullable: false),
            PeriodStart = t.Column<DateTime>("TEXT", nullable: false),
            PeriodEnd = t.Column<DateTime>("TEXT", nullable: false),
            GrossAmount = t.Column<long>("INTEGER", nullable: false),
            Commission = t.Column<long>("INTEGER", nullable: false),
            NetAmount = t.Column<long>("INTEGER", nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            PaidAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Settlements", x => x.Id);
            c.ForeignKey("FK_Settlements_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Settlements_PartnerId_PeriodStart", "Settlements", new[] { "PartnerId", "PeriodStart" });

        m.CreateTable("Members", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            PartnerId = t.Column<int>("INTEGER", nullable: false),
            Email = t.Column<string>("TEXT", maxLength: 256, nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            SignedUpAt = t.Column<DateTime>("TEXT", nullable: false),
            ReviewedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Members", x => x.Id);
            c.ForeignKey("FK_Members_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Members_PartnerId_Id", "Members", new[] { "PartnerId", "Id" });
        m.CreateIndex("IX_Members_Status_SignedUpAt", "Members", new[] { "Status", "SignedUpAt" });
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "Members", "Settlements", "OrderLines", "Orders", "Products", "ApiTokens", "Users", "Partners" })
            m.DropTable(table);
    }
}
