using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DpaWizardDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DpaWizardDrafts",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DraftJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    IAmSignatory = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DpaWizardDrafts", x => x.UserId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DpaWizardDrafts");
        }
    }
}
