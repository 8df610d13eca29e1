using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.TrustCenter.Updates;

/// <summary>What a published update is about; subscribers choose which kinds they are emailed.</summary>
public enum UpdateCategory
{
    SecurityNotice = 1,
    Incident = 2,
    Maintenance = 3,
    SubprocessorChange = 4,
}

/// <summary>The categories one subscriber is emailed, as flags.</summary>
[Flags]
public enum UpdateCategories
{
    None = 0,
    SubprocessorChanges = 1,
    SecurityNotices = 2,
    Incidents = 4,
    Maintenance = 8,
    All = SubprocessorChanges | SecurityNotices | Incidents | Maintenance,
}

/// <summary>A published post on /updates and in its feeds. Posts are not edited: a correction is a new post.</summary>
public class UpdatePost
{
    /// <summary>The post's address is /updates/{Id}; its feed entries are urn:uuid:{Id}.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();

    public UpdateCategory Category { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Plain text; paragraphs separated by blank lines.</summary>
    public string Body { get; set; } = "";

    public DateTime PublishedAtUtc { get; set; }
    public string PublishedBy { get; set; } = "";

    /// <summary>How many subscribers were emailed about it.</summary>
    public int Emailed { get; set; }
}

public sealed class UpdatePostConfiguration : IEntityTypeConfiguration<UpdatePost>
{
    public void Configure(EntityTypeBuilder<UpdatePost> builder)
    {
        builder.HasIndex(p => p.PublishedAtUtc);
        builder.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Title).HasMaxLength(UpdateRules.TitleMaxLength);
        builder.Property(p => p.Body).HasMaxLength(UpdateRules.BodyMaxLength);
        builder.Property(p => p.PublishedBy).HasMaxLength(256);
    }
}

public static class UpdateCategoryNames
{
    public static string DisplayName(this UpdateCategory category) => category switch
    {
        UpdateCategory.SecurityNotice => "Security notice",
        UpdateCategory.Incident => "Incident",
        UpdateCategory.Maintenance => "Maintenance",
        UpdateCategory.SubprocessorChange => "Subprocessor change",
        _ => category.ToString(),
    };

    /// <summary>The subscription flag that receives posts of <paramref name="category"/>.</summary>
    public static UpdateCategories Flag(this UpdateCategory category) => category switch
    {
        UpdateCategory.SecurityNotice => UpdateCategories.SecurityNotices,
        UpdateCategory.Incident => UpdateCategories.Incidents,
        UpdateCategory.Maintenance => UpdateCategories.Maintenance,
        UpdateCategory.SubprocessorChange => UpdateCategories.SubprocessorChanges,
        _ => UpdateCategories.None,
    };

    /// <summary>The lowercase name used in addresses and feeds: security-notice, incident, maintenance, subprocessor-change.</summary>
    public static string Slug(this UpdateCategory category) => category switch
    {
        UpdateCategory.SecurityNotice => "security-notice",
        UpdateCategory.Incident => "incident",
        UpdateCategory.Maintenance => "maintenance",
        UpdateCategory.SubprocessorChange => "subprocessor-change",
        _ => category.ToString().ToLowerInvariant(),
    };

    public static UpdateCategory? FromSlug(string? slug) =>
        Enum.GetValues<UpdateCategory>().Cast<UpdateCategory?>().FirstOrDefault(c => string.Equals(c!.Value.Slug(), slug, StringComparison.OrdinalIgnoreCase));
}
