using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignatoryCopyLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CopyBrowserHash",
                table: "SignatureRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CopyExpiresAtUtc",
                table: "SignatureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CopyTokenHash",
                table: "SignatureRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignatureRequests_CopyTokenHash",
                table: "SignatureRequests",
                column: "CopyTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SignatureRequests_CopyTokenHash",
                table: "SignatureRequests");

            migrationBuilder.DropColumn(
                name: "CopyBrowserHash",
                table: "SignatureRequests");

            migrationBuilder.DropColumn(
                name: "CopyExpiresAtUtc",
                table: "SignatureRequests");

            migrationBuilder.DropColumn(
                name: "CopyTokenHash",
                table: "SignatureRequests");
        }
    }
}
