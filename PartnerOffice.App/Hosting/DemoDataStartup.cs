using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerOffice.App.Identity;
using PartnerOffice.Data;
using PartnerOffice.Identity;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Rankings;
using PartnerOffice.Retail;

namespace PartnerOffice.App.Hosting;

/// <summary>
/// The demo set a first start in Development gets (<see cref="PartnerOfficeOptions.DemoOrders"/> orders), so the
/// portal is usable at once. Users are listed in the README.
/// </summary>
public sealed class DemoDataStartup(DatabaseConnection database, IDbContextFactory<PartnerOfficeDbContext> dbFactory, UserAccounts accounts, IOptions<PartnerOfficeOptions> options,
    IHostApplicationLifetime lifetime, IServer server, TimeProvider time, ILogger<DemoDataStartup> logger)
{
    public static readonly IReadOnlyList<(string Email, string Password, UserRole Role, string? Partner, string Name)> DemoUsers =
    [
        ("admin@partneroffice.example", "Admin!2345", UserRole.Admin, null, "운영자"),
        ("kim@hanbit.example", "Partner!2345", UserRole.PartnerUser, "HANBIT", "김민준"),
        ("lee@bada.example", "Partner!2345", UserRole.PartnerUser, "BADA", "이서연"),
    ];

    /// <summary>Seeds the demo set unless the database has partners; either way, once the portal listens, says how to sign in.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(LogReady);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            if (await db.Partners.AnyAsync(cancellationToken)) return;
        var orders = options.Value.DemoOrders;
        logger.LogInformation("Seeding demo data: {Orders:N0} orders with their lines, products and members (this takes a few seconds)", orders);
        var report = await RetailDataSeeder.SeedAsync(database, new DemoDataVolume(orders), cancellationToken);
        await SeedUsersAsync(cancellationToken);
        var votes = await VoteDemoSeeder.SeedAsync(dbFactory, time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.LogInformation("Seeded demo data: {Orders:N0} orders, {Lines:N0} order lines, {Votes:N0} votes of event {Event} in {Seconds:F1} s",
            report.Orders, report.OrderLines, votes, VoteDemoSeeder.DemoEvent, report.Elapsed.TotalSeconds);
    }

    public async Task SeedUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var (email, password, role, partner, name) in DemoUsers)
            if (!await db.Users.AnyAsync(u => u.NormalizedEmail == UserAccounts.Normalize(email), cancellationToken))
                await accounts.CreateAsync(email, password, role, partner, name, cancellationToken: cancellationToken);
    }

    private void LogReady()
    {
        var (email, password, _, _, _) = DemoUsers.First(u => u.Role == UserRole.Admin);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.LogInformation("PartnerOffice is ready at {Urls} — sign in as {Email} / {Password} (demo users in README)", string.Join(", ", addresses), email, password);
    }
}
