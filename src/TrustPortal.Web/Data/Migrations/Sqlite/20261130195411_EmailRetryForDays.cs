using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailRetryForDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "FailedAtUtc",
                table: "OutboxMessages",
                newName: "UndeliveredAtUtc");

            migrationBuilder.RenameIndex(
                name: "IX_OutboxMessages_SentAtUtc_FailedAtUtc_NextAttemptAtUtc",
                table: "OutboxMessages",
                newName: "IX_OutboxMessages_SentAtUtc_UndeliveredAtUtc_NextAttemptAtUtc");

            migrationBuilder.AddColumn<DateTime>(
                name: "RequeuedAtUtc",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            // Mail the old rule gave up on after 8 attempts (about 11 minutes) but the new one would still be retrying
            // (queued in the last 7 days, the default Email:GiveUpAfter) goes back in the queue; its next attempt is
            // already past, so it is sent at start-up. Older given-up mail stays Undelivered for an Admin to retry.
            migrationBuilder.Sql("""
                UPDATE "OutboxMessages" SET "UndeliveredAtUtc" = NULL
                WHERE "SentAtUtc" IS NULL AND "UndeliveredAtUtc" IS NOT NULL
                  AND "CreatedAtUtc" > strftime('%Y-%m-%d %H:%M:%f', 'now', '-7 days');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequeuedAtUtc",
                table: "OutboxMessages");

            migrationBuilder.RenameColumn(
                name: "UndeliveredAtUtc",
                table: "OutboxMessages",
                newName: "FailedAtUtc");

            migrationBuilder.RenameIndex(
                name: "IX_OutboxMessages_SentAtUtc_UndeliveredAtUtc_NextAttemptAtUtc",
                table: "OutboxMessages",
                newName: "IX_OutboxMessages_SentAtUtc_FailedAtUtc_NextAttemptAtUtc");
        }
    }
}
