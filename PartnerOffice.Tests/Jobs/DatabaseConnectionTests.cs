using Npgsql;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.PostgreSql;

namespace PartnerOffice.Tests.Jobs;

public sealed class DatabaseConnectionTests
{
    [Fact]
    public void Bulk_reads_on_postgresql_take_a_larger_read_buffer_and_keep_every_other_setting()
    {
        var database = new DatabaseConnection(DatabaseProvider.PostgreSql, "Host=db.example;Port=5433;Username=portal;Password=secret;Database=partneroffice");

        var bulk = new NpgsqlConnectionStringBuilder(database.ForBulkReads().ConnectionString);

        Assert.Equal(PostgreSqlDatabase.BulkReadBufferBytes, bulk.ReadBufferSize);
        Assert.Equal(("db.example", 5433, "portal", "secret", "partneroffice"), (bulk.Host, bulk.Port, bulk.Username, bulk.Password, bulk.Database));
        Assert.Equal(DatabaseProvider.PostgreSql, database.ForBulkReads().Provider);
    }

    [Fact]
    public void Bulk_reads_on_sqlite_use_the_database_as_it_is()
    {
        var database = DatabaseConnection.Sqlite("Data Source=partneroffice.db");

        Assert.Equal(database, database.ForBulkReads());
    }
}
