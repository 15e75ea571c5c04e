using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExportFailureReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Failure",
                table: "ExportRequests",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // Exports that failed before causes were told apart keep a cause; their technical errors stay with their job executions.
            migrationBuilder.Sql("UPDATE ExportRequests SET Failure = 'Internal' WHERE Status = 'Failed'");

            // SQLite drops a plain column in place; EF Core's DropColumn would rebuild the table outside a transaction.
            migrationBuilder.Sql("ALTER TABLE ExportRequests DROP COLUMN Error");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Failure",
                table: "ExportRequests");

            migrationBuilder.AddColumn<string>(
                name: "Error",
                table: "ExportRequests",
                type: "TEXT",
                nullable: true);
        }
    }
}
