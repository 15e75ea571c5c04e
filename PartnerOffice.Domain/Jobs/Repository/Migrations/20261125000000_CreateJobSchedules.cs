using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerOffice.Jobs.Repository.Migrations;

/// <summary>Schedules: cron, time zone, policies and the next fire time the schedulers claim.</summary>
[DbContext(typeof(JobRepositoryDbContext))]
[Migration("20261125000000_CreateJobSchedules")]
public sealed class CreateJobSchedules : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("JobSchedules", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            JobName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            CronExpression = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            TimeZone = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Parameters = t.Column<string>("TEXT", nullable: false),
            Paused = t.Column<bool>("INTEGER", nullable: false),
            Overlap = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            Misfire = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            NextFireAt = t.Column<DateTime>("TEXT", nullable: true),
            LastFireAt = t.Column<DateTime>("TEXT", nullable: true),
            LastExecutionId = t.Column<long>("INTEGER", nullable: true),
        }, constraints: c => c.PrimaryKey("PK_JobSchedules", x => x.Id));
        m.CreateIndex("IX_JobSchedules_Name", "JobSchedules", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("JobSchedules");
}
