using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.PostgreSql;
using PartnerOffice.Jobs.Sqlite;

namespace PartnerOffice.Jobs.Repository;

/// <summary>
/// The one persistence seam of the engine: instances, executions, step executions, checkpoints and skipped
/// items. It stores; it does not decide. Which status moves are legal is <see cref="JobStatusTransitions"/>'s
/// business, and every conditional update here only applies when the row is still in the expected state,
/// which is what makes claims and leases safe between processes (and nodes sharing one database server).
/// </summary>
public sealed partial class JobRepository : IDisposable
{
    private readonly DatabaseConnection database;
    private readonly TimeProvider time;
    private readonly DatabaseContextFactory<JobRepositoryDbContext> contexts;
    // An in-memory database lives as long as one connection to it stays open.
    private readonly SqliteConnection? keepAlive;

    /// <summary>A repository on one of the product's databases (usually the portal's own).</summary>
    public JobRepository(DatabaseConnection database, TimeProvider time) : this(database, time, keepAlive: null) { }

    private JobRepository(DatabaseConnection database, TimeProvider time, SqliteConnection? keepAlive)
    {
        this.database = database;
        this.time = time;
        this.keepAlive = keepAlive;
        contexts = JobRepositoryDbContext.FactoryFor(database);
    }

    /// <summary>For jobs that need no history: everything is gone when the process ends.</summary>
    public static JobRepository InMemory(TimeProvider time)
    {
        var keepAlive = SqliteDatabase.OpenInMemory();
        var repository = new JobRepository(DatabaseConnection.Sqlite(keepAlive.ConnectionString), time, keepAlive);
        using var db = repository.CreateContext();
        db.Database.EnsureCreated();
        return repository;
    }

    /// <summary>The database the repository stores in.</summary>
    public DatabaseConnection Database => database;

    /// <summary>
    /// Names this process among the nodes on one database: in its job events, and in the wake-ups it sends, which it
    /// need not hear itself (it wakes its own workers once it has published the new status).
    /// </summary>
    public string Node { get; } = Monitoring.JobNodeNames.New();

    /// <summary>True for a repository that keeps nothing after the process (<see cref="InMemory"/>).</summary>
    public bool IsInMemory => keepAlive is not null;

    /// <summary>Lets other nodes' idle workers know, in the transaction of <paramref name="db"/> (so only once it commits).</summary>
    private async Task AnnounceQueuedAsync(JobRepositoryDbContext db, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.PostgreSql) await PostgreSqlNodeChannel.NotifyQueuedAsync(db.Database, Node, cancellationToken);
    }

    /// <summary>
    /// Brings the job tables up to date (SQLite: write-ahead log on first), with this context's own migrations;
    /// refuses job tables made by another version with an <see cref="IncompatibleDatabaseException"/>.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (keepAlive is not null) return;
        database.PrepareForMigrations();
        await using var db = CreateContext();
        await db.Database.MigrateOrRefuseAsync(database, cancellationToken);
    }

    public JobRepositoryDbContext CreateContext() => contexts.CreateDbContext();

    private JobRepositoryDbContext CreateContext(DbConnection connection) => contexts.CreateDbContext(connection);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public void Dispose() => keepAlive?.Dispose();
}
