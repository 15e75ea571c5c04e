using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Jobs.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeclaredCronExpression",
                table: "JobSchedules",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclaredTimeZone",
                table: "JobSchedules",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Edited",
                table: "JobSchedules",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeclaredCronExpression",
                table: "JobSchedules");

            migrationBuilder.DropColumn(
                name: "DeclaredTimeZone",
                table: "JobSchedules");

            migrationBuilder.DropColumn(
                name: "Edited",
                table: "JobSchedules");
        }
    }
}
