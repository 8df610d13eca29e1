using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SealTimestamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditAnchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimestampUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Token = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SealingCertificates",
                columns: table => new
                {
                    Thumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    NotBeforeUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotAfterUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SelfSigned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiryWarnedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealingCertificates", x => x.Thumbprint);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditAnchors_Sequence",
                table: "AuditAnchors",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SealingCertificates_Status",
                table: "SealingCertificates",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditAnchors");

            migrationBuilder.DropTable(
                name: "SealingCertificates");
        }
    }
}
