using Microsoft.EntityFrameworkCore;
using PartnerOffice.App.Identity;
using PartnerOffice.Data;
using PartnerOffice.Identity;
using PartnerOffice.Retail;

namespace PartnerOffice.App.Hosting;

/// <summary>The demo set a first start in Development gets, so the portal is usable at once. Users are listed in the README.</summary>
public sealed class DemoDataStartup(IDbContextFactory<PartnerOfficeDbContext> dbFactory, UserAccounts accounts, ILogger<DemoDataStartup> logger)
{
    public const int DemoOrders = 20_000;

    public static readonly IReadOnlyList<(string Email, string Password, UserRole Role, string? Partner, string Name)> DemoUsers =
    [
        ("admin@partneroffice.example", "Admin!2345", UserRole.Admin, null, "운영자"),
        ("kim@hanbit.example", "Partner!2345", UserRole.PartnerUser, "HANBIT", "김민준"),
        ("lee@bada.example", "Partner!2345", UserRole.PartnerUser, "BADA", "이서연"),
    ];

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Partners.AnyAsync(cancellationToken)) return;
            connectionString = db.Database.GetConnectionString()!;
        }
        var report = await RetailDataSeeder.SeedAsync(connectionString, new DemoDataVolume(DemoOrders), cancellationToken);
        await SeedUsersAsync(cancellationToken);
        logger.LogInformation("Seeded demo data: {Orders} orders, {Lines} order lines in {Seconds:F1} s", report.Orders, report.OrderLines, report.Elapsed.TotalSeconds);
    }

    public async Task SeedUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var (email, password, role, partner, name) in DemoUsers)
            if (!await db.Users.AnyAsync(u => u.NormalizedEmail == UserAccounts.Normalize(email), cancellationToken))
                await accounts.CreateAsync(email, password, role, partner, name, cancellationToken: cancellationToken);
    }
}
