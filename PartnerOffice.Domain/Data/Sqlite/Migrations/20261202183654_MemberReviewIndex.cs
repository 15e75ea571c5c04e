using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MemberReviewIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_Status_SignedUpAt",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_Status_Id",
                table: "Members",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_Status_Id",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_Status_SignedUpAt",
                table: "Members",
                columns: new[] { "Status", "SignedUpAt" });
        }
    }
}
