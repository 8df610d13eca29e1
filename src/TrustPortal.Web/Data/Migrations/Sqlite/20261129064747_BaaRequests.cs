using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BaaRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BaaRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Customer_LegalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Customer_Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Customer_Country = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Customer_CompanyNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    UseCaseJson = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    ZeroDataRetentionRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    GoLiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssignedToUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssignedToName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    FirstResponseAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckServicesEligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    CheckZeroRetentionConfigured = table.Column<bool>(type: "INTEGER", nullable: false),
                    CheckNoExcludedFeatures = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignerTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignerTypedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignerIpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignerUserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CountersignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CountersignedByTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CountersignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaaRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaaRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BaaMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaaMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaaMessages_BaaRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "BaaRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BaaNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaaNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BaaNotes_BaaRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "BaaRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BaaMessages_RequestId_CreatedAtUtc",
                table: "BaaMessages",
                columns: new[] { "RequestId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BaaNotes_RequestId_CreatedAtUtc",
                table: "BaaNotes",
                columns: new[] { "RequestId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BaaRequests_AssignedToUserId",
                table: "BaaRequests",
                column: "AssignedToUserId");

            migrationBuilder.CreateIndex(
                name: "IX_BaaRequests_OrganizationId",
                table: "BaaRequests",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_BaaRequests_Reference",
                table: "BaaRequests",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BaaRequests_Status_SubmittedAtUtc",
                table: "BaaRequests",
                columns: new[] { "Status", "SubmittedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BaaMessages");

            migrationBuilder.DropTable(
                name: "BaaNotes");

            migrationBuilder.DropTable(
                name: "BaaRequests");
        }
    }
}
