using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerOffice.Data;
using PartnerOffice.Exports;
using PartnerOffice.Identity;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Retail;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Exports;

/// <summary>
/// Upgrading a PostgreSQL database whose export requests still hold the spec's text as their duplicate key: the
/// migration turns each into the hash the portal now computes, so an identical request made after the upgrade is
/// still recognised as the same export.
/// </summary>
public sealed class DuplicateKeyUpgradeTests
{
    [Fact]
    public async Task A_request_stored_before_the_upgrade_keeps_its_duplicate_key_meaning()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        database.Connection.PrepareForMigrations();
        var factory = PartnerOfficeDbContext.FactoryFor(database.Connection);
        await using var db = factory.CreateDbContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.IndexOf(migrations.Single(m => m.EndsWith("_HashedDuplicateKey"))) - 1]);

        var partner = new Partner { Code = "OLD", Name = "Old partner", CreatedAt = DateTime.UtcNow };
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        var user = new User { Email = "old@partner.example", NormalizedEmail = "OLD@PARTNER.EXAMPLE", DisplayName = "Old", PasswordHash = "-", PartnerId = partner.Id, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var spec = ExportSpecValidator.Validate(new ExportRequestSpec("orders", "csv", new Dictionary<string, string?> { ["status"] = "Delivered" })).Spec!;
        // The key as the portal stored it before: the partner and the canonical spec, as text.
        var oldKey = $"{partner.Id}|{spec.CanonicalKey}";
        db.ExportRequests.Add(new ExportRequest
        {
            PartnerId = partner.Id, RequestedByUserId = user.Id, Dataset = "orders", Format = "csv",
            FiltersJson = """{"status":"Delivered"}""", DuplicateKey = oldKey, Status = ExportStatus.Queued, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();

        await migrator.MigrateAsync();

        var stored = await db.ExportRequests.AsNoTracking().SingleAsync();
        Assert.Equal(ExportRequest.DuplicateKeyOf(partner.Id, spec), stored.DuplicateKey);
    }
}
