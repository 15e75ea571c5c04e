using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerOffice.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HashedDuplicateKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite keeps text of any length, so only the model changed. Requests in flight during the upgrade keep their
            // old key: a second identical request made meanwhile runs rather than being joined to them.

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
