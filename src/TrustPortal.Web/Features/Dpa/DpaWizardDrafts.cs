using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>
/// The DPA wizard's answers, saved in the database each time the customer moves to the next step, so a customer whose
/// portal instance dies (or who closes the tab) continues where they were on any instance. One draft per user, for
/// the organization they belong to; it is deleted when the DPA is signed or sent for signature.
/// </summary>
public sealed class DpaWizardDrafts(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>Larger drafts are not saved: every field has a limit far below this.</summary>
    public const int MaxJsonLength = 64 * 1024;

    /// <summary>The signed-in customer's saved draft for their current organization, or null.</summary>
    public async Task<SavedDpaDraft?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await OwnerAsync() is not { } owner)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.DpaWizardDrafts.AsNoTracking()
            .SingleOrDefaultAsync(d => d.UserId == owner.UserId && d.OrganizationId == owner.OrganizationId, cancellationToken);
        var draft = row is null ? null : JsonSerializer.Deserialize<DpaDraft>(row.DraftJson, DpaService.Json);
        return draft is null ? null : new SavedDpaDraft(draft, row!.Step, row.IAmSignatory, row.UpdatedAtUtc);
    }

    /// <summary>Saves the answers and the step reached; returns false when nothing was saved (not a customer, too large).</summary>
    public async Task<bool> SaveAsync(DpaDraft draft, int step, bool iAmSignatory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var json = JsonSerializer.Serialize(draft, DpaService.Json);
        if (json.Length > MaxJsonLength || await OwnerAsync() is not { } owner)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.DpaWizardDrafts.SingleOrDefaultAsync(d => d.UserId == owner.UserId, cancellationToken);
        if (row is null)
        {
            row = new DpaWizardDraft { UserId = owner.UserId };
            db.DpaWizardDrafts.Add(row);
        }
        row.OrganizationId = owner.OrganizationId;
        row.DraftJson = json;
        row.Step = step;
        row.IAmSignatory = iAmSignatory;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (await OwnerAsync() is not { } owner)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.DpaWizardDrafts.Where(d => d.UserId == owner.UserId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<(string UserId, Guid OrganizationId)?> OwnerAsync()
    {
        var me = await currentUser.GetAsync();
        return me?.OrganizationId is { } organizationId && await currentUser.IsInRoleAsync(Roles.Customer) ? (me.Id, organizationId) : null;
    }
}

public sealed record SavedDpaDraft(DpaDraft Draft, int Step, bool IAmSignatory, DateTime SavedAtUtc);

public class DpaWizardDraft
{
    public string UserId { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public string DraftJson { get; set; } = "";
    public int Step { get; set; }
    public bool IAmSignatory { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }
}

public sealed class DpaWizardDraftConfiguration : IEntityTypeConfiguration<DpaWizardDraft>
{
    public void Configure(EntityTypeBuilder<DpaWizardDraft> builder)
    {
        builder.HasKey(d => d.UserId);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.DraftJson).HasMaxLength(DpaWizardDrafts.MaxJsonLength);
    }
}
