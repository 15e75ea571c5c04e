using Microsoft.EntityFrameworkCore;
using PartnerOffice.App.Hosting.DataProtection;
using PartnerOffice.Jobs.Database;

namespace PartnerOffice.Tests.Hosting;

public sealed class DataProtectionKeysSchemaTests
{
    // Never opened: comparing the model with a snapshot needs no server.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=keys.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=localhost;Database=partneroffice")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=PartnerOffice;TrustServerCertificate=True")]
    public void Each_engine_s_migrations_match_the_key_ring_s_model(DatabaseProvider engine, string connectionString)
    {
        using var db = DataProtectionKeysDbContext.FactoryFor(new DatabaseConnection(engine, connectionString)).CreateDbContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges()); // `dotnet ef migrations add` would scaffold nothing
    }
}
