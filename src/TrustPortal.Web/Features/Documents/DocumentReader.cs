using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Documents;

public enum ReaderKind
{
    Anonymous,
    Viewer,
    Customer,
    Staff,
}

/// <summary>
/// Who is reading the library, and what they have: a grant, an accepted NDA. Worked out from the database on every
/// request. Staff read everything (to check what readers get) and are not counted as readers.
/// </summary>
public sealed record DocumentReader(
    ReaderKind Kind,
    string Name,
    string Email,
    string Company,
    Guid? ViewerId = null,
    string? UserId = null,
    AccessStatus? Status = null,
    DateTime? GrantExpiresAtUtc = null,
    bool HasAcceptedNda = false)
{
    public static readonly DocumentReader Anonymous = new(ReaderKind.Anonymous, "", "", "");

    public string Domain => DocumentRules.DomainOf(Email) ?? "";

    /// <summary>Readers whose views and downloads count for Sales.</summary>
    public bool IsCounted => Kind is ReaderKind.Viewer or ReaderKind.Customer;

    public bool HasGrantAt(DateTime nowUtc) => Kind switch
    {
        ReaderKind.Staff or ReaderKind.Customer => true,
        ReaderKind.Viewer => Status == AccessStatus.Granted && GrantExpiresAtUtc > nowUtc,
        _ => false,
    };

    /// <summary>Null when the reader may download a document of this visibility; otherwise what stands in the way.</summary>
    public string? Obstacle(DocumentVisibility visibility, DateTime nowUtc) => visibility switch
    {
        DocumentVisibility.Public => null,
        DocumentVisibility.CustomersOnly => Kind is ReaderKind.Customer or ReaderKind.Staff ? null : "For signed-in members of a customer organization.",
        DocumentVisibility.Approved => GrantObstacle(nowUtc),
        DocumentVisibility.Nda => GrantObstacle(nowUtc) ?? (Kind == ReaderKind.Staff || HasAcceptedNda ? null : "Accept the confidentiality terms (NDA) first."),
        _ => "Not available.",
    };

    private string? GrantObstacle(DateTime nowUtc) => HasGrantAt(nowUtc) ? null : Kind switch
    {
        ReaderKind.Anonymous => "Request access with your work email address.",
        ReaderKind.Viewer when Status == AccessStatus.Pending => "Your access request is waiting for review.",
        ReaderKind.Viewer when Status == AccessStatus.Granted => "Your access has expired; ask for it to be renewed.",
        ReaderKind.Viewer => "Your access has ended.",
        _ => "Not available.",
    };
}

/// <summary>Works out the <see cref="DocumentReader"/> of this request: a signed-in account first, then a viewer's cookie.</summary>
public sealed class DocumentReaders(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, IHttpContextAccessor http)
{
    public async Task<DocumentReader> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (await currentUser.GetAsync() is { } user)
        {
            if (await IsStaffAsync())
            {
                return new DocumentReader(ReaderKind.Staff, user.DisplayName, user.Email, "", UserId: user.Id);
            }
            if (user.OrganizationId is { } organizationId && await currentUser.IsInRoleAsync(Roles.Customer))
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var organization = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
                var nda = await db.NdaAcceptances.AnyAsync(a => a.UserId == user.Id && a.OrganizationId == organizationId
                    && a.NdaVersion == NdaText.Version && a.NdaSha256 == NdaText.Sha256, cancellationToken);
                return new DocumentReader(ReaderKind.Customer, user.DisplayName, user.Email, organization, UserId: user.Id, HasAcceptedNda: nda);
            }
        }
        if (await ViewerSession.ViewerIdAsync(http.HttpContext) is { } viewerId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var viewer = await db.TrustViewers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == viewerId, cancellationToken);
            if (viewer is not null)
            {
                return new DocumentReader(ReaderKind.Viewer, viewer.Name, viewer.Email, viewer.Company, viewer.Id, null, viewer.Status,
                    viewer.GrantExpiresAtUtc, viewer.NdaVersion == NdaText.Version && viewer.NdaSha256 == NdaText.Sha256);
            }
        }
        return DocumentReader.Anonymous;
    }

    private async Task<bool> IsStaffAsync()
    {
        foreach (var role in Roles.Staff)
        {
            if (await currentUser.IsInRoleAsync(role))
            {
                return true;
            }
        }
        return false;
    }
}
