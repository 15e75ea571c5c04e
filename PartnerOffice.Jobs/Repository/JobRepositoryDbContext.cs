using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PartnerOffice.Jobs.Database;
using PartnerOffice.Jobs.Monitoring;
using PartnerOffice.Jobs.PostgreSql;
using PartnerOffice.Jobs.Scheduling;
using PartnerOffice.Jobs.SqlServer;

namespace PartnerOffice.Jobs.Repository;

/// <summary>
/// The job engine's own tables. It shares the database with the business context but has its own migrations history
/// table, so either side can evolve without the other. This type carries the SQLite migrations (the embedded default);
/// each server engine has a subclass in its adapter folder, so that its migrations are told apart.
/// </summary>
public class JobRepositoryDbContext : DbContext
{
    public const string MigrationsHistoryTable = "__JobsMigrationsHistory";

    public JobRepositoryDbContext(DbContextOptions<JobRepositoryDbContext> options) : base(options) { }

    protected JobRepositoryDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Contexts of the engine's type for the database (its subclass on a server engine).</summary>
    internal static DatabaseContextFactory<JobRepositoryDbContext> FactoryFor(DatabaseConnection database) =>
        DatabaseContextFactory<JobRepositoryDbContext>.For<PostgreSqlJobRepositoryDbContext, SqlServerJobRepositoryDbContext>(database, MigrationsHistoryTable,
            o => new JobRepositoryDbContext(o), o => new PostgreSqlJobRepositoryDbContext(o), o => new SqlServerJobRepositoryDbContext(o));

    public DbSet<JobInstance> JobInstances => Set<JobInstance>();
    public DbSet<JobExecution> JobExecutions => Set<JobExecution>();
    public DbSet<StepExecution> StepExecutions => Set<StepExecution>();
    public DbSet<SkippedItem> SkippedItems => Set<SkippedItem>();
    public DbSet<JobSchedule> JobSchedules => Set<JobSchedule>();
    public DbSet<JobLogEntry> JobLog => Set<JobLogEntry>();
    public DbSet<JobNode> JobNodes => Set<JobNode>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<JobInstance>(e =>
        {
            e.Property(i => i.JobName).HasMaxLength(100);
            e.Property(i => i.InstanceKey).HasMaxLength(64);
            e.HasIndex(i => new { i.JobName, i.InstanceKey }).IsUnique();
        });
        model.Entity<JobExecution>(e =>
        {
            e.Property(x => x.JobName).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Parameters).HasConversion(p => ParametersToJson(p), json => ParametersFromJson(json), ParametersComparer);
            e.Property(x => x.ExecutionContext).HasConversion(c => c.ToJson(), json => ExecutionContext.FromJson(json), ContextComparer);
            e.Property(x => x.RequestedBy).HasMaxLength(200);
            e.Property(x => x.Tenant).HasMaxLength(100);
            e.Property(x => x.LeaseOwner).HasMaxLength(100);
            e.Property(x => x.ExitDescription).HasMaxLength(1000);
            // Workers claim the oldest queued execution; the admin pages list by tenant and by job.
            e.HasIndex(x => new { x.Status, x.Id });
            e.HasIndex(x => new { x.Tenant, x.Id });
            e.HasIndex(x => new { x.JobName, x.Id });
            e.HasIndex(x => x.EndedAt); // the dashboard's last 24 hours
            e.HasOne<JobInstance>().WithMany().HasForeignKey(x => x.JobInstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StepExecution>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(300);
            e.Property(s => s.StepName).HasMaxLength(200);
            e.Property(s => s.PartitionName).HasMaxLength(100);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.ExecutionContext).HasConversion(c => c.ToJson(), json => ExecutionContext.FromJson(json), ContextComparer);
            e.HasIndex(s => new { s.JobExecutionId, s.Name }).IsUnique();
            e.HasOne<JobExecution>().WithMany().HasForeignKey(s => s.JobExecutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SkippedItem>(e =>
        {
            e.Property(s => s.Phase).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.ExceptionType).HasMaxLength(300);
            e.HasIndex(s => s.StepExecutionId);
            e.HasOne<StepExecution>().WithMany().HasForeignKey(s => s.StepExecutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<JobLogEntry>(e =>
        {
            e.ToTable("JobLogEntries");
            e.Property(l => l.Level).HasConversion<string>().HasMaxLength(16);
            e.Property(l => l.Step).HasMaxLength(300);
            e.Property(l => l.Message).HasMaxLength(4000);
            e.HasIndex(l => new { l.JobExecutionId, l.Id });
            e.HasOne<JobExecution>().WithMany().HasForeignKey(l => l.JobExecutionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<JobNode>(e =>
        {
            e.Property(n => n.Id).HasMaxLength(200);
            e.HasKey(n => n.Id);
        });
        model.Entity<JobSchedule>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.JobName).HasMaxLength(100);
            e.Property(s => s.CronExpression).HasMaxLength(200);
            e.Property(s => s.TimeZone).HasMaxLength(100);
            e.Property(s => s.DeclaredCronExpression).HasMaxLength(200);
            e.Property(s => s.DeclaredTimeZone).HasMaxLength(100);
            e.Property(s => s.Parameters).HasConversion(p => ParametersToJson(p), json => ParametersFromJson(json), ParametersComparer);
            e.Property(s => s.Overlap).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Misfire).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(s => s.Name).IsUnique();
        });
    }

    private static string ParametersToJson(JobParameters parameters) =>
        JsonSerializer.Serialize(parameters.ToDictionary(p => p.Key, p => p.Value));

    internal static JobParameters ParametersFromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JobParameter>>(json)!);

    private static readonly ValueComparer<JobParameters> ParametersComparer = new(
        (a, b) => ParametersToJson(a!) == ParametersToJson(b!),
        p => ParametersToJson(p).GetHashCode(),
        p => ParametersFromJson(ParametersToJson(p)));

    // The context is a mutable bag: compare by content so that tracked changes are noticed.
    private static readonly ValueComparer<ExecutionContext> ContextComparer = new(
        (a, b) => a!.ToJson() == b!.ToJson(),
        c => c.ToJson().GetHashCode(),
        c => c.Copy());
}
