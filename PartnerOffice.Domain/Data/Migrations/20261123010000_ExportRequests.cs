using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerOffice.Data.Migrations;

[DbContext(typeof(PartnerOfficeDbContext))]
[Migration("20261123010000_ExportRequests")]
public sealed class ExportRequests : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ExportRequests", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            PartnerId = t.Column<int>("INTEGER", nullable: false),
            RequestedByUserId = t.Column<int>("INTEGER", nullable: false),
            Dataset = t.Column<string>("TEXT", maxLength: 32, nullable: false),
            Format = t.Column<string>("TEXT", maxLength: 8, nullable: false),
            FiltersJson = t.Column<string>("TEXT", nullable: false),
            DuplicateKey = t.Column<string>("TEXT", maxLength: 1000, nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 16, nullable: false),
            JobExecutionId = t.Column<long>("INTEGER", nullable: true),
            RowsTotal = t.Column<long>("INTEGER", nullable: true),
            RowsProcessed = t.Column<long>("INTEGER", nullable: false),
            RowCount = t.Column<long>("INTEGER", nullable: true),
            FileKey = t.Column<string>("TEXT", maxLength: 400, nullable: true),
            FileName = t.Column<string>("TEXT", maxLength: 200, nullable: true),
            SizeBytes = t.Column<long>("INTEGER", nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            StartedAt = t.Column<DateTime>("TEXT", nullable: true),
            CompletedAt = t.Column<DateTime>("TEXT", nullable: true),
            ExpiresAt = t.Column<DateTime>("TEXT", nullable: true),
            Error = t.Column<string>("TEXT", nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_ExportRequests", x => x.Id);
            c.ForeignKey("FK_ExportRequests_Partners_PartnerId", x => x.PartnerId, "Partners", "Id", onDelete: ReferentialAction.Restrict);
            c.ForeignKey("FK_ExportRequests_Users_RequestedByUserId", x => x.RequestedByUserId, "Users", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ExportRequests_InFlight", "ExportRequests", new[] { "RequestedByUserId", "DuplicateKey" }, unique: true,
            filter: "\"Status\" IN ('Queued', 'Running')");
        m.CreateIndex("IX_ExportRequests_PartnerId_Id", "ExportRequests", new[] { "PartnerId", "Id" });
        m.CreateIndex("IX_ExportRequests_Status_ExpiresAt", "ExportRequests", new[] { "Status", "ExpiresAt" });
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("ExportRequests");
}
