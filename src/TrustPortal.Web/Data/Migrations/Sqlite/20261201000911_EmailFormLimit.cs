using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailFormLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EmailFormAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailFormAttempts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmailFormAttempts_AtUtc",
                table: "EmailFormAttempts",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_EmailFormAttempts_EmailKey_AtUtc",
                table: "EmailFormAttempts",
                columns: new[] { "EmailKey", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailFormAttempts");
        }
    }
}
