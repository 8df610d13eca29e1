using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.IntegrationTests.Reliability;

/// <summary>The online backup of a running portal restores into a portal that serves the same agreements.</summary>
public sealed class BackupRestoreTests
{
    [SqliteOnlyFact]
    public async Task Backup_WhileRunning_ThenRestoreIntoAFreshPortal_ServesTheSameSealedPdf()
    {
        using var original = new PortalFactory();
        _ = original.BaseAddress;
        var backup = Path.Combine(original.DataDirectory, "backups", "portal-backup.db");
        Guid agreementId;
        byte[] pdf;
        await using (var db = original.CreateDbContext())
        {
            var document = await db.AgreementDocuments.OrderBy(d => d.CreatedAtUtc).FirstAsync();
            (agreementId, pdf) = (document.AgreementId, document.Content);
            var pages = await DatabaseBackup.BackupAsync(db, backup);
            Assert.True(pages > 0);
            await Assert.ThrowsAsync<IOException>(() => DatabaseBackup.BackupAsync(db, backup));
        }

        // Restore: with the portal stopped, the backup file becomes the database file.
        using var restored = new RestoredPortal(backup);
        using var client = new PortalClient(restored.BaseAddress);
        await client.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);
        using var response = await client.GetAsync($"/agreements/{agreementId}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A portal whose database file is a copy of the backup, placed before it starts.</summary>
    private sealed class RestoredPortal : PortalFactory
    {
        public RestoredPortal(string backup) => File.Copy(backup, Path.Combine(DataDirectory, "portal.db"));
    }
}
