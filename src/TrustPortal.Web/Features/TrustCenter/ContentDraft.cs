using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Features.TrustCenter.Updates;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>
/// The trust team's working copy of the commitments: edited freely, never shown publicly; publishing turns it into a
/// new, immutable <see cref="ContentVersion"/>. Sections as JSON (slug, title, summary, Markdown body).
/// </summary>
public class ContentDraft
{
    public int Id { get; set; }
    public int BasedOnVersion { get; set; }
    public string SectionsJson { get; set; } = "[]";
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>A visitor subscribed to subprocessor changes. Only confirmed (double opt-in) subscribers get notices.</summary>
public class SubprocessorSubscription
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    public DateTime? UnsubscribedAtUtc { get; set; }

    /// <summary>What this subscriber is emailed. Subscribers from before categories existed get subprocessor changes.</summary>
    public UpdateCategories Categories { get; set; } = UpdateCategories.SubprocessorChanges;

    /// <summary>The categories of the latest subscribe request; they replace <see cref="Categories"/> when its link is confirmed.</summary>
    public UpdateCategories? RequestedCategories { get; set; }
}

/// <summary>A published change to the subprocessor list, with the objection deadline it announced.</summary>
public class SubprocessorListVersion
{
    public int Id { get; set; }
    public int Number { get; set; }
    public DateTime PublishedAtUtc { get; set; }
    public string PublishedBy { get; set; } = "";
    public string ChangeSummary { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public DateOnly ObjectionDeadline { get; set; }

    /// <summary>What this version changed; empty for versions published before changes were drafted one by one.</summary>
    public List<SubprocessorChange> Changes { get; set; } = [];
}

public sealed class ContentDraftConfiguration : IEntityTypeConfiguration<ContentDraft>
{
    public void Configure(EntityTypeBuilder<ContentDraft> builder)
    {
        builder.Property(d => d.SectionsJson).HasMaxLength(500_000);
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
    }
}

public sealed class SubprocessorSubscriptionConfiguration : IEntityTypeConfiguration<SubprocessorSubscription>
{
    public void Configure(EntityTypeBuilder<SubprocessorSubscription> builder)
    {
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(256);
        builder.HasIndex(s => s.NormalizedEmail).IsUnique();
        builder.Property(s => s.Categories).HasDefaultValue(UpdateCategories.SubprocessorChanges).HasSentinel(UpdateCategories.None);
    }
}

public sealed class SubprocessorListVersionConfiguration : IEntityTypeConfiguration<SubprocessorListVersion>
{
    public void Configure(EntityTypeBuilder<SubprocessorListVersion> builder)
    {
        builder.HasIndex(v => v.Number).IsUnique();
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.Property(v => v.ChangeSummary).HasMaxLength(2000);
        builder.Property(v => v.Sha256).HasMaxLength(64);
    }
}
