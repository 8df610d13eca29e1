using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Answers;

/// <summary>Who may read an answer on /faq.</summary>
public enum AnswerVisibility
{
    /// <summary>Everyone, signed in or not.</summary>
    Public = 1,

    /// <summary>Signed-in customers and staff only.</summary>
    CustomersOnly = 2,
}

/// <summary>
/// One entry of the answer library: a question and the vendor's approved answer, shown on /faq and matched to the
/// questions of uploaded security questionnaires. Its integer id is also the full-text index's row id.
/// </summary>
public class Answer
{
    public int Id { get; set; }
    public string Question { get; set; } = "";

    /// <summary>Markdown (plain text is valid Markdown).</summary>
    public string Body { get; set; } = "";

    /// <summary>Lower-case tags separated by single spaces, e.g. "privacy training".</summary>
    public string Tags { get; set; } = "";

    public AnswerVisibility Visibility { get; set; } = AnswerVisibility.Public;

    /// <summary>Who keeps the answer true (a team or a person); optional.</summary>
    public string? Owner { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";

    public IReadOnlyList<string> TagList => AnswerRules.SplitTags(Tags);
}

public sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.Property(a => a.Question).HasMaxLength(AnswerRules.QuestionMaxLength);
        builder.Property(a => a.Body).HasMaxLength(AnswerRules.BodyMaxLength);
        builder.Property(a => a.Tags).HasMaxLength(AnswerRules.TagsMaxLength);
        builder.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Owner).HasMaxLength(AnswerRules.OwnerMaxLength);
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(a => a.Visibility);
        builder.Ignore(a => a.TagList);
    }
}
