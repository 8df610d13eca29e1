using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddDataRetentionRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataRetentionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedByEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResponseDueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Customer_LegalName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Customer_Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Customer_Country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Customer_CompanyNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Retention = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RetentionDays = table.Column<int>(type: "integer", nullable: true),
                    Volume = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FormJson = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    AssignedToUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AssignedToName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FirstResponseAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckEndpointsEligible = table.Column<bool>(type: "boolean", nullable: false),
                    CheckRetentionConfigured = table.Column<bool>(type: "boolean", nullable: false),
                    CheckNoConflictingFeatures = table.Column<bool>(type: "boolean", nullable: false),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SignerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignerTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SignerTypedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignerIpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SignerUserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    SignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CountersignedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CountersignedByTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CountersignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataRetentionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataRetentionRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DataRetentionMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromCustomer = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataRetentionMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataRetentionMessages_DataRetentionRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataRetentionRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DataRetentionMessages_RequestId_CreatedAtUtc",
                table: "DataRetentionMessages",
                columns: new[] { "RequestId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataRetentionRequests_AssignedToUserId",
                table: "DataRetentionRequests",
                column: "AssignedToUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DataRetentionRequests_OrganizationId",
                table: "DataRetentionRequests",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DataRetentionRequests_Reference",
                table: "DataRetentionRequests",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataRetentionRequests_Status_ResponseDueAtUtc",
                table: "DataRetentionRequests",
                columns: new[] { "Status", "ResponseDueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataRetentionRequests_Status_SubmittedAtUtc",
                table: "DataRetentionRequests",
                columns: new[] { "Status", "SubmittedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataRetentionMessages");

            migrationBuilder.DropTable(
                name: "DataRetentionRequests");
        }
    }
}
