using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerOffice.App.Hosting.DataProtection;
using PartnerOffice.App.Hosting.DataProtection.SqlServer;
using PartnerOffice.Data;
using PartnerOffice.Data.SqlServer;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Repository;
using PartnerOffice.Jobs.SqlServer;

namespace PartnerOffice.Tests.Hosting;

/// <summary>
/// No SQL Server engine runs here: what can be proven without one is that each context's SQL Server migrations
/// script builds, creates every table of its model and records itself in its own history table, and that the model
/// holds nothing SQL Server refuses only when the script is applied.
/// </summary>
public sealed class SqlServerScriptTests
{
    // Never opened: generating a script and reading the model need no server.
    private static readonly DatabaseConnection SqlServer =
        new(DatabaseProvider.SqlServer, "Server=localhost;Database=PartnerOffice;TrustServerCertificate=True");

    public static TheoryData<string> Contexts => [nameof(JobRepositoryDbContext), nameof(PartnerOfficeDbContext), nameof(DataProtectionKeysDbContext)];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void The_migrations_script_creates_every_table_and_the_history_table_of_its_own(string context)
    {
        using var db = CreateContext(context, out var historyTable);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains($"CREATE TABLE [{historyTable}]", script);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.Contains($"CREATE TABLE [{table}]", script));
        Assert.Contains($"INSERT INTO [{historyTable}] ([MigrationId], [ProductVersion])", script);
        Assert.All(db.Database.GetMigrations(), id => Assert.Contains($"VALUES (N'{id}'", script));
    }

    /// <summary>
    /// SQL Server refuses a foreign key with a delete action when its table can already be reached from the principal
    /// by another path of delete actions, or by a cycle ("may cause cycles or multiple cascade paths"); SQLite and
    /// PostgreSQL accept both, so only this check catches it before a live server would.
    /// </summary>
    [Theory]
    [MemberData(nameof(Contexts))]
    public void No_table_is_reached_by_two_paths_of_delete_actions(string context)
    {
        using var db = CreateContext(context, out _);
        var actions = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.SetNull)
            .Select(fk => (Principal: fk.PrincipalEntityType.GetTableName()!, Dependent: fk.DeclaringEntityType.GetTableName()!))
            .ToList();

        var reachedTwice = new List<string>();
        foreach (var start in actions.Select(a => a.Principal).Distinct())
        {
            var paths = new Dictionary<string, int>();
            var frontier = new Queue<string>([start]);
            while (frontier.TryDequeue(out var table))
                foreach (var (_, dependent) in actions.Where(a => a.Principal == table))
                {
                    paths[dependent] = paths.GetValueOrDefault(dependent) + 1;
                    if (dependent == start || paths[dependent] > 1) reachedTwice.Add($"{start} → {dependent}");
                    else frontier.Enqueue(dependent);
                }
        }
        Assert.Empty(reachedTwice);
    }

    private static DbContext CreateContext(string context, out string historyTable)
    {
        (DbContext db, historyTable) = context switch
        {
            nameof(JobRepositoryDbContext) => ((DbContext)JobRepositoryDbContext.FactoryFor(SqlServer).CreateDbContext(), JobRepositoryDbContext.MigrationsHistoryTable),
            nameof(PartnerOfficeDbContext) => (PartnerOfficeDbContext.FactoryFor(SqlServer).CreateDbContext(), PartnerOfficeDbContext.MigrationsHistoryTable),
            nameof(DataProtectionKeysDbContext) => (DataProtectionKeysDbContext.FactoryFor(SqlServer).CreateDbContext(), DataProtectionKeysDbContext.MigrationsHistoryTable),
            _ => throw new ArgumentOutOfRangeException(nameof(context), context, null),
        };
        Assert.True(db is SqlServerJobRepositoryDbContext or SqlServerPartnerOfficeDbContext or SqlServerDataProtectionKeysDbContext,
            $"{db.GetType().Name} is not a SQL Server subclass: the script would be made from another engine's migrations.");
        return db;
    }
}
