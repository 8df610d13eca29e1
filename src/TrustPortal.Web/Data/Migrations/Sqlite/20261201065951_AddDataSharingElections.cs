using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDataSharingElections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataSharingElections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    ElectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EffectiveFromUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CommitmentsVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CommitmentsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    SignerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SignerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TypedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSharingElections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataSharingElections_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DataSharingElections_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DataSharingElections_AgreementId",
                table: "DataSharingElections",
                column: "AgreementId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataSharingElections_OrganizationId_Revision",
                table: "DataSharingElections",
                columns: new[] { "OrganizationId", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataSharingElections");
        }
    }
}
