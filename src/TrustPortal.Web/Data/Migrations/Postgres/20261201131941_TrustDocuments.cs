using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrustDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrustAccounts",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    OwnerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    FirstDownloadAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewReminderSentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustAccounts", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "TrustDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    OwnerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiryReminderSentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrustViewers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSignInAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    GrantExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NdaVersion = table.Column<int>(type: "integer", nullable: true),
                    NdaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NdaTypedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NdaAcceptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NdaIpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustViewers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ViewerId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentActivities_TrustDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "TrustDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrustViewerLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustViewerLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrustViewerLinks_TrustViewers_ViewerId",
                        column: x => x.ViewerId,
                        principalTable: "TrustViewers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentActivities_DocumentId_AtUtc",
                table: "DocumentActivities",
                columns: new[] { "DocumentId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentActivities_Domain_AtUtc",
                table: "DocumentActivities",
                columns: new[] { "Domain", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TrustAccounts_ReviewReminderSentAtUtc_FirstDownloadAtUtc",
                table: "TrustAccounts",
                columns: new[] { "ReviewReminderSentAtUtc", "FirstDownloadAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TrustDocuments_ArchivedAtUtc_ExpiresOn",
                table: "TrustDocuments",
                columns: new[] { "ArchivedAtUtc", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TrustViewerLinks_TokenHash",
                table: "TrustViewerLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrustViewerLinks_ViewerId_CreatedAtUtc",
                table: "TrustViewerLinks",
                columns: new[] { "ViewerId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TrustViewers_Domain",
                table: "TrustViewers",
                column: "Domain");

            migrationBuilder.CreateIndex(
                name: "IX_TrustViewers_NormalizedEmail",
                table: "TrustViewers",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrustViewers_Status_RequestedAtUtc",
                table: "TrustViewers",
                columns: new[] { "Status", "RequestedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentActivities");

            migrationBuilder.DropTable(
                name: "TrustAccounts");

            migrationBuilder.DropTable(
                name: "TrustViewerLinks");

            migrationBuilder.DropTable(
                name: "TrustDocuments");

            migrationBuilder.DropTable(
                name: "TrustViewers");
        }
    }
}
