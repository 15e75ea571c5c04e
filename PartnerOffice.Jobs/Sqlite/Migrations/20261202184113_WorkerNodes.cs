using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Jobs.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkerNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobNodes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Workers = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobNodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobExecutions_EndedAt",
                table: "JobExecutions",
                column: "EndedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobNodes");

            migrationBuilder.DropIndex(
                name: "IX_JobExecutions_EndedAt",
                table: "JobExecutions");
        }
    }
}
