using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data.PostgreSql;
using PartnerOffice.Data.SqlServer;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Audit;
using PartnerOffice.Exports;
using PartnerOffice.Identity;
using PartnerOffice.Rankings;
using PartnerOffice.Ingest;
using PartnerOffice.Retail;

namespace PartnerOffice.Data;

/// <summary>
/// The business database: partners, people and the retail data they export. The job engine keeps its
/// own tables in its own context, so that it knows nothing of partners or orders. This type carries the SQLite
/// migrations (the embedded default); each server engine has a subclass in its adapter folder under <c>Data/</c>.
/// </summary>
public class PartnerOfficeDbContext : DbContext
{
    /// <summary>EF Core's default name, which databases made before the engines became a setting already use.</summary>
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    public PartnerOfficeDbContext(DbContextOptions<PartnerOfficeDbContext> options) : base(options) { }

    protected PartnerOfficeDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Contexts of the business type for the database (its subclass on a server engine).</summary>
    public static DatabaseContextFactory<PartnerOfficeDbContext> FactoryFor(DatabaseConnection database) =>
        DatabaseContextFactory<PartnerOfficeDbContext>.For<PostgreSqlPartnerOfficeDbContext, SqlServerPartnerOfficeDbContext>(database,
            MigrationsHistoryTable, o => new PartnerOfficeDbContext(o), o => new PostgreSqlPartnerOfficeDbContext(o), o => new SqlServerPartnerOfficeDbContext(o));

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Settlement> Settlements => Set<Settlement>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ExportRequest> ExportRequests => Set<ExportRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<RankingEntry> RankingEntries => Set<RankingEntry>();
    public DbSet<MarketplaceOrder> MarketplaceOrders => Set<MarketplaceOrder>();
    public DbSet<InvoiceFollowUp> InvoiceFollowUps => Set<InvoiceFollowUp>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Partner>(e =>
        {
            e.Property(p => p.Code).HasMaxLength(32);
            e.Property(p => p.Name).HasMaxLength(200);
            e.HasIndex(p => p.Code).IsUnique();
        });
        model.Entity<User>(e =>
        {
            e.Property(u => u.Email).HasMaxLength(256);
            e.Property(u => u.NormalizedEmail).HasMaxLength(256);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(u => u.TimeZone).HasMaxLength(64);
            e.Property(u => u.Language).HasMaxLength(8);
            e.HasIndex(u => u.NormalizedEmail).IsUnique();
            e.HasOne<Partner>().WithMany().HasForeignKey(u => u.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.HasIndex(t => t.SecretHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Product>(e =>
        {
            e.Property(p => p.Sku).HasMaxLength(64);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Category).HasMaxLength(64);
            e.HasIndex(p => new { p.PartnerId, p.Sku }).IsUnique();
            e.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Order>(e =>
        {
            e.Property(o => o.OrderNumber).HasMaxLength(32);
            e.Property(o => o.CustomerName).HasMaxLength(100);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            // Exports page a partner's orders by key and filter them by time.
            e.HasIndex(o => new { o.PartnerId, o.Id });
            e.HasIndex(o => new { o.PartnerId, o.OrderedAt });
            e.HasOne<Partner>().WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OrderLine>(e =>
        {
            e.HasIndex(l => new { l.PartnerId, l.Id });
            e.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Settlement>(e =>
        {
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(s => new { s.PartnerId, s.PeriodStart });
            e.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Member>(e =>
        {
            e.Property(m => m.Email).HasMaxLength(256);
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(m => new { m.PartnerId, m.Id });
            // The member review job pages WAITING members in key order.
            e.HasIndex(m => new { m.Status, m.Id });
            e.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ExportRequest>(e =>
        {
            e.Property(x => x.Dataset).HasMaxLength(32);
            e.Property(x => x.Format).HasMaxLength(8);
            e.Property(x => x.DuplicateKey).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Failure).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.FileKey).HasMaxLength(400);
            e.Property(x => x.FileName).HasMaxLength(200);
            // The database itself refuses a second in-flight export with the same key for the same user,
            // so concurrent identical requests cannot both slip through.
            e.HasIndex(x => new { x.RequestedByUserId, x.DuplicateKey }).IsUnique()
                .HasFilter("\"Status\" IN ('Queued', 'Running')").HasDatabaseName("IX_ExportRequests_InFlight");
            e.HasIndex(x => new { x.PartnerId, x.Id });
            e.HasIndex(x => new { x.Status, x.ExpiresAt });
            e.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Action).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Target).HasMaxLength(200);
            e.Property(a => a.Detail).HasMaxLength(1000);
            e.Property(a => a.SourceAddress).HasMaxLength(64);
            // Searched newest first by time, and deleted by age; no foreign keys, so an entry outlives its user and partner.
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.PartnerId, a.Id });
        });
        model.Entity<Vote>(e =>
        {
            e.Property(v => v.EventId).HasMaxLength(64);
            e.Property(v => v.Region).HasMaxLength(8);
            // The push job tallies one event's votes in one region by item, counting distinct voters.
            e.HasIndex(v => new { v.EventId, v.Region, v.ItemId, v.VoterId });
        });
        model.Entity<RankingEntry>(e =>
        {
            e.HasKey(r => new { r.EventId, r.Scope, r.ItemId });
            e.Property(r => r.EventId).HasMaxLength(64);
            e.Property(r => r.Scope).HasMaxLength(8);
            e.HasIndex(r => new { r.EventId, r.Scope, r.Rank });
        });
        model.Entity<MarketplaceOrder>(e =>
        {
            e.Property(o => o.ExternalId).HasMaxLength(64);
            e.Property(o => o.SellerCode).HasMaxLength(32);
            e.Property(o => o.BuyerName).HasMaxLength(100);
            e.Property(o => o.Status).HasMaxLength(32);
            // Upserts match on the marketplace's id; the watermark is the newest by time, then id.
            e.HasIndex(o => o.ExternalId).IsUnique();
            e.HasIndex(o => new { o.PlacedAt, o.ExternalId });
        });
        model.Entity<InvoiceFollowUp>(e =>
        {
            e.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(f => f.LastError).HasMaxLength(1000);
            e.Property(f => f.LeaseOwner).HasMaxLength(100);
            e.Property(f => f.InvoiceNumber).HasMaxLength(64);
            // One follow-up per order; workers look for open ones by due time, the page lists them by status.
            e.HasIndex(f => f.OrderId).IsUnique();
            e.HasIndex(f => new { f.Status, f.NextAttemptAt });
            e.HasOne(f => f.Order).WithMany().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
