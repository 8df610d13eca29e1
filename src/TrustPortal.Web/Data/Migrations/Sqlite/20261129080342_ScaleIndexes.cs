using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Attestations_OrganizationId_Framework_Status",
                table: "Attestations",
                columns: new[] { "OrganizationId", "Framework", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_Kind_Status_ExecutedAtUtc",
                table: "Agreements",
                columns: new[] { "Kind", "Status", "ExecutedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attestations_OrganizationId_Framework_Status",
                table: "Attestations");

            migrationBuilder.DropIndex(
                name: "IX_Agreements_Kind_Status_ExecutedAtUtc",
                table: "Agreements");
        }
    }
}
