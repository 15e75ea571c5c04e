using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class HashedDuplicateKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every stored key fits the new length. HASHBYTES hashes the UTF-16 text, not the portal's UTF-8, so a request
            // in flight during the upgrade is not joined by an identical one made meanwhile; that one runs too.
            migrationBuilder.Sql("UPDATE ExportRequests SET DuplicateKey = LOWER(CONVERT(nvarchar(64), HASHBYTES('SHA2_256', DuplicateKey), 2));");

            migrationBuilder.AlterColumn<string>(
                name: "DuplicateKey",
                table: "ExportRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(1000)",
                oldMaxLength: 1000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DuplicateKey",
                table: "ExportRequests",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(64)",
                oldMaxLength: 64);
        }
    }
}
