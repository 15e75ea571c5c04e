using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerOffice.Jobs.Repository.Migrations;

/// <summary>
/// Hand-written (no EF design-time tools here). JobRepositorySchemaTests compares the migrated schema with the
/// model, so a model change without a migration fails the tests.
/// </summary>
[DbContext(typeof(JobRepositoryDbContext))]
[Migration("20261124000000_CreateJobTables")]
public sealed class CreateJobTables : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("JobInstances", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            JobName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            InstanceKey = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: c => c.PrimaryKey("PK_JobInstances", x => x.Id));
        m.CreateIndex("IX_JobInstances_JobName_InstanceKey", "JobInstances", new[] { "JobName", "InstanceKey" }, unique: true);

        m.CreateTable("JobExecutions", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            JobInstanceId = t.Column<long>("INTEGER", nullable: false),
            JobName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            Parameters = t.Column<string>("TEXT", nullable: false),
            ExecutionContext = t.Column<string>("TEXT", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            StartedAt = t.Column<DateTime>("TEXT", nullable: true),
            EndedAt = t.Column<DateTime>("TEXT", nullable: true),
            LastUpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
            ExitDescription = t.Column<string>("TEXT", maxLength: 1000, nullable: true),
            Error = t.Column<string>("TEXT", nullable: true),
            RequestedBy = t.Column<string>("TEXT", maxLength: 200, nullable: true),
            Tenant = t.Column<string>("TEXT", maxLength: 100, nullable: true),
            ProgressCurrent = t.Column<long>("INTEGER", nullable: false),
            ProgressTotal = t.Column<long>("INTEGER", nullable: true),
            LeaseOwner = t.Column<string>("TEXT", maxLength: 100, nullable: true),
            LeaseExpiresAt = t.Column<DateTime>("TEXT", nullable: true),
            CancelRequested = t.Column<bool>("INTEGER", nullable: false),
            RunCount = t.Column<int>("INTEGER", nullable: false),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_JobExecutions", x => x.Id);
            c.ForeignKey("FK_JobExecutions_JobInstances_JobInstanceId", x => x.JobInstanceId, "JobInstances", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_JobExecutions_JobInstanceId", "JobExecutions", "JobInstanceId");
        m.CreateIndex("IX_JobExecutions_JobName_Id", "JobExecutions", new[] { "JobName", "Id" });
        m.CreateIndex("IX_JobExecutions_Status_Id", "JobExecutions", new[] { "Status", "Id" });
        m.CreateIndex("IX_JobExecutions_Tenant_Id", "JobExecutions", new[] { "Tenant", "Id" });

        m.CreateTable("StepExecutions", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            JobExecutionId = t.Column<long>("INTEGER", nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 300, nullable: false),
            StepName = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            PartitionName = t.Column<string>("TEXT", maxLength: 100, nullable: true),
            Status = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            ReadCount = t.Column<long>("INTEGER", nullable: false),
            ProcessCount = t.Column<long>("INTEGER", nullable: false),
            FilterCount = t.Column<long>("INTEGER", nullable: false),
            WriteCount = t.Column<long>("INTEGER", nullable: false),
            SkipCount = t.Column<long>("INTEGER", nullable: false),
            CommitCount = t.Column<long>("INTEGER", nullable: false),
            RollbackCount = t.Column<long>("INTEGER", nullable: false),
            ExecutionContext = t.Column<string>("TEXT", nullable: false),
            StartedAt = t.Column<DateTime>("TEXT", nullable: true),
            EndedAt = t.Column<DateTime>("TEXT", nullable: true),
            LastUpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
            Error = t.Column<string>("TEXT", nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_StepExecutions", x => x.Id);
            c.ForeignKey("FK_StepExecutions_JobExecutions_JobExecutionId", x => x.JobExecutionId, "JobExecutions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_StepExecutions_JobExecutionId_Name", "StepExecutions", new[] { "JobExecutionId", "Name" }, unique: true);

        m.CreateTable("SkippedItems", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            StepExecutionId = t.Column<long>("INTEGER", nullable: false),
            Phase = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            Item = t.Column<string>("TEXT", nullable: true),
            Reason = t.Column<string>("TEXT", nullable: false),
            ExceptionType = t.Column<string>("TEXT", maxLength: 300, nullable: false),
            SkippedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_SkippedItems", x => x.Id);
            c.ForeignKey("FK_SkippedItems_StepExecutions_StepExecutionId", x => x.StepExecutionId, "StepExecutions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SkippedItems_StepExecutionId", "SkippedItems", "StepExecutionId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "SkippedItems", "StepExecutions", "JobExecutions", "JobInstances" })
            m.DropTable(table);
    }
}
