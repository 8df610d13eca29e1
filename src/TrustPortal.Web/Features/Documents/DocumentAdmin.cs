using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Documents;

/// <summary>What staff fill in to publish or change a document; the file comes separately.</summary>
public sealed class DocumentForm
{
    [Required(ErrorMessage = "Give the document a title.")]
    [StringLength(DocumentRules.TitleMaxLength, ErrorMessage = "The title can be at most {1} characters.")]
    [PlainText, NoMarkup]
    public string Title { get; set; } = "";

    [StringLength(DocumentRules.DescriptionMaxLength, ErrorMessage = "The description can be at most {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    public string Description { get; set; } = "";

    [Range(1, 4, ErrorMessage = "Choose who may download it.")]
    public DocumentVisibility Visibility { get; set; } = DocumentVisibility.Nda;

    [Required(ErrorMessage = "Choose the staff member who keeps it current.")]
    public string OwnerUserId { get; set; } = "";

    [Required(ErrorMessage = "Give the date the document stops being current.")]
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>A document as staff see it in the admin list.</summary>
public sealed record AdminDocumentRow(
    Guid Id,
    string Title,
    string Description,
    DocumentVisibility Visibility,
    string FileName,
    long SizeBytes,
    string OwnerUserId,
    string OwnerName,
    DateOnly ExpiresOn,
    DateTime UpdatedAtUtc,
    DateTime? ArchivedAtUtc,
    int Downloads);

/// <summary>A staff member who can own documents.</summary>
public sealed record StaffOwner(string UserId, string Name);

/// <summary>Legal and Admins publish, replace and archive the library's documents; every change is audited.</summary>
public sealed class DocumentAdmin(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<List<AdminDocumentRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await RequirePublisherAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TrustDocuments.AsNoTracking()
            .OrderBy(d => d.ArchivedAtUtc != null).ThenBy(d => d.Title)
            .Select(d => new AdminDocumentRow(d.Id, d.Title, d.Description, d.Visibility, d.FileName, d.SizeBytes, d.OwnerUserId,
                db.Users.Where(u => u.Id == d.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "(no longer staff)",
                d.ExpiresOn, d.UpdatedAtUtc, d.ArchivedAtUtc,
                db.DocumentActivities.Count(a => a.DocumentId == d.Id && a.Kind == DocumentActivityKind.Download)))
            .ToListAsync(cancellationToken);
    }

    public async Task<List<StaffOwner>> OwnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await StaffUsers(db).OrderBy(u => u.DisplayName).Select(u => new StaffOwner(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>Publishes a new document; the file is required.</summary>
    public Task<FormOutcome> PublishAsync(DocumentForm form, string? fileName, byte[]? content, CancellationToken cancellationToken = default) =>
        SaveAsync(null, form, fileName, content, cancellationToken);

    /// <summary>Changes a document's details, and its file when one is given.</summary>
    public Task<FormOutcome> UpdateAsync(Guid id, DocumentForm form, string? fileName, byte[]? content, CancellationToken cancellationToken = default) =>
        SaveAsync(id, form, fileName, content, cancellationToken);

    public async Task<FormOutcome> SetArchivedAsync(Guid id, bool archived, CancellationToken cancellationToken = default)
    {
        await RequirePublisherAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.TrustDocuments.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return FormOutcome.Invalid("That document no longer exists.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        document.ArchivedAtUtc = archived ? document.ArchivedAtUtc ?? now : null;
        document.UpdatedAtUtc = now;
        await audit.RecordAsync(db, archived ? "document.archived" : "document.restored", nameof(TrustDocument), id.ToString(), new { document.Title });
        await db.SaveChangesAsync(cancellationToken);
        return FormOutcome.Ok();
    }

    private async Task<FormOutcome> SaveAsync(Guid? id, DocumentForm form, string? fileName, byte[]? content, CancellationToken cancellationToken)
    {
        await RequirePublisherAsync();
        var errors = FormValidation.Validate(form);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (form.ExpiresOn is { } expires && expires <= today)
        {
            errors.Add(new("The expiry date must be in the future.", [nameof(DocumentForm.ExpiresOn)]));
        }
        if (id is null && content is null)
        {
            errors.Add(new("Choose the PDF file to publish.", ["File"]));
        }
        if (content is not null && (content.Length > DocumentRules.MaxUploadBytes || !DocumentRules.LooksLikePdf(content)))
        {
            errors.Add(new($"The file must be a PDF of at most {DocumentRules.MaxUploadBytes / (1024 * 1024)} MB, so every copy can carry its reader's name.", ["File"]));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!string.IsNullOrEmpty(form.OwnerUserId) && !await StaffUsers(db).AnyAsync(u => u.Id == form.OwnerUserId, cancellationToken))
        {
            errors.Add(new("Choose a staff member as the owner.", [nameof(DocumentForm.OwnerUserId)]));
        }
        if (errors.Count > 0)
        {
            return FormOutcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var me = await currentUser.GetAsync();
        var document = id is null ? null : await db.TrustDocuments.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (id is not null && document is null)
        {
            return FormOutcome.Invalid("That document no longer exists.");
        }
        if (document is null)
        {
            document = new TrustDocument { PublishedAtUtc = now };
            db.TrustDocuments.Add(document);
        }
        if (document.ExpiresOn != form.ExpiresOn!.Value)
        {
            document.ExpiryReminderSentAtUtc = null;
        }
        document.Title = form.Title.Trim();
        document.Description = form.Description.Trim();
        document.Visibility = form.Visibility;
        document.OwnerUserId = form.OwnerUserId;
        document.ExpiresOn = form.ExpiresOn!.Value;
        document.UpdatedAtUtc = now;
        document.UpdatedBy = me?.Email ?? "";
        if (content is not null)
        {
            document.Content = content;
            document.SizeBytes = content.Length;
            document.Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            document.FileName = SafeFileName(fileName);
        }
        await audit.RecordAsync(db, id is null ? "document.published" : "document.updated", nameof(TrustDocument), document.Id.ToString(), new
        {
            document.Title,
            visibility = document.Visibility.ToString(),
            document.OwnerUserId,
            expiresOn = document.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            document.Sha256,
            fileReplaced = content is not null,
        });
        await db.SaveChangesAsync(cancellationToken);
        return FormOutcome.Ok();
    }

    private static IQueryable<ApplicationUser> StaffUsers(AppDbContext db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && Roles.Staff.Contains(r.Name!))));

    /// <summary>A download name without paths or odd characters; always ends in .pdf.</summary>
    public static string SafeFileName(string? name)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        var safe = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('-', '.');
        return (safe.Length == 0 ? "document" : safe[..Math.Min(safe.Length, 100)]) + ".pdf";
    }

    private async Task RequirePublisherAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal) && !await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only Legal and Admins manage documents.");
        }
    }
}
