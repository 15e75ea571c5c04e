using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class HashedDuplicateKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The stored keys become the hashes the portal now computes (SHA-256 of the same UTF-8 text, lower-case hex),
            // so requests in flight during the upgrade are still joined by identical ones.
            migrationBuilder.Sql("""UPDATE "ExportRequests" SET "DuplicateKey" = encode(sha256(convert_to("DuplicateKey", 'UTF8')), 'hex');""");

            migrationBuilder.AlterColumn<string>(
                name: "DuplicateKey",
                table: "ExportRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DuplicateKey",
                table: "ExportRequests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
