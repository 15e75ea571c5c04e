using Microsoft.EntityFrameworkCore;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Sqlite;
using PartnerOffice.Tests.Support;

namespace PartnerOffice.Tests.Data;

public class MigrationSchemaTests
{
    [Fact]
    public void Migrations_build_the_same_schema_as_the_model()
    {
        using var temp = new TempDirectory();
        var migrated = SqliteDatabase.ConnectionStringFor(temp.File("migrated.db"));
        var created = SqliteDatabase.ConnectionStringFor(temp.File("created.db"));

        using (var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(migrated).Options))
        {
            db.Database.Migrate();
            // The model snapshot matches the model: `dotnet ef migrations add` would scaffold nothing.
            Assert.False(db.Database.HasPendingModelChanges());
        }
        using (var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(created).Options))
            db.Database.EnsureCreated();

        var expected = SqliteSchema.Describe(created);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, SqliteSchema.Describe(migrated));
    }
}
