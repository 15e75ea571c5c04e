using PartnerOffice.Jobs.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerOffice.Data;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Tests.Support;

/// <summary>
/// A database file as the version before the scaffolded migrations left it: the tables, and histories that hold the
/// ids of its hand-written migrations.
/// </summary>
public static class PreviousVersionDatabase
{
    public static readonly string[] BusinessMigrations = ["20261123000000_InitialCreate", "20261123010000_ExportRequests"];
    public static readonly string[] JobMigrations = ["20261124000000_CreateJobTables", "20261125000000_CreateJobSchedules"];

    /// <summary>Job tables and history of the previous version; the business side is left to the caller.</summary>
    public static void CreateJobSide(string connectionString)
    {
        using var repository = new JobRepository(DatabaseConnection.Sqlite(connectionString), TimeProvider.System);
        using var db = repository.CreateContext();
        Create(db, JobMigrations);
    }

    /// <summary>Both sides, as the previous version's start-up made them.</summary>
    public static void Create(string connectionString)
    {
        using (var db = new PartnerOfficeDbContext(new DbContextOptionsBuilder<PartnerOfficeDbContext>().UsePartnerOfficeSqlite(connectionString).Options))
            Create(db, BusinessMigrations);
        CreateJobSide(connectionString);
    }

    /// <summary>All rows in a history table (the business one unless named).</summary>
    public static IReadOnlyList<string> History(string connectionString, string table = "__EFMigrationsHistory")
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MigrationId FROM \"{table}\" ORDER BY MigrationId";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static void Create(DbContext db, IEnumerable<string> migrationIds)
    {
        db.GetService<IRelationalDatabaseCreator>().CreateTables();
        var history = db.GetService<IHistoryRepository>();
        db.Database.ExecuteSqlRaw(history.GetCreateScript());
        foreach (var id in migrationIds)
            db.Database.ExecuteSqlRaw(history.GetInsertScript(new HistoryRow(id, "10.0.15")));
    }
}
