using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BaaResponseDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ResponseDueAtUtc",
                table: "BaaRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateIndex(
                name: "IX_BaaRequests_Status_ResponseDueAtUtc",
                table: "BaaRequests",
                columns: new[] { "Status", "ResponseDueAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BaaRequests_Status_ResponseDueAtUtc",
                table: "BaaRequests");

            migrationBuilder.DropColumn(
                name: "ResponseDueAtUtc",
                table: "BaaRequests");
        }
    }
}
