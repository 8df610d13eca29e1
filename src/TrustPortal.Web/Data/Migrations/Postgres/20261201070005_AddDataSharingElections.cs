using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    OptedIn = table.Column<bool>(type: "boolean", nullable: false),
                    ElectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EffectiveFromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CommitmentsVersion = table.Column<int>(type: "integer", nullable: false),
                    CommitmentsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    SignerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SignerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SignerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    TypedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
