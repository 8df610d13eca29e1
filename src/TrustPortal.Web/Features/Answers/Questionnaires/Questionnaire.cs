using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Answers.Questionnaires;

public enum QuestionnaireFormat { Csv = 1, Xlsx = 2 }

public enum QuestionnaireStatus
{
    /// <summary>Some answers still wait for a reviewer.</summary>
    InReview = 1,

    /// <summary>Every question's answer has been reviewed.</summary>
    Reviewed = 2,
}

/// <summary>
/// A customer's security questionnaire as uploaded by staff. The original file is kept (<see cref="QuestionnaireFile"/>)
/// so the download writes the answers into it and leaves every other row and cell as it was.
/// </summary>
public class Questionnaire
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string FileName { get; set; } = "";
    public QuestionnaireFormat Format { get; set; }

    /// <summary>The customer or prospect it came from, if staff said.</summary>
    public string? Organization { get; set; }

    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAtUtc { get; set; }
    public QuestionnaireStatus Status { get; set; } = QuestionnaireStatus.InReview;

    /// <summary>The worksheet that holds the questions (XLSX only).</summary>
    public string? Sheet { get; set; }

    /// <summary>Zero-based column of the questions and of the answers (which may be a column the file lacks).</summary>
    public int QuestionColumn { get; set; }
    public int AnswerColumn { get; set; }

    /// <summary>Zero-based row of the header, if the file has one; the answer column's heading goes there.</summary>
    public int? HeaderRow { get; set; }

    /// <summary>Whether the file already had an Answer or Response column (else the download adds one).</summary>
    public bool AnswerColumnExisted { get; set; }

    /// <summary>How many rows the file has, blank ones included.</summary>
    public int RowCount { get; set; }

    public List<QuestionnaireRow> Rows { get; set; } = [];
}

public sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> builder)
    {
        builder.Property(q => q.FileName).HasMaxLength(QuestionnaireLimits.FileNameMaxLength);
        builder.Property(q => q.Format).HasConversion<string>().HasMaxLength(8);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Organization).HasMaxLength(200);
        builder.Property(q => q.UploadedBy).HasMaxLength(256);
        builder.Property(q => q.Sheet).HasMaxLength(64);
        builder.HasIndex(q => q.UploadedAtUtc);
        builder.HasMany(q => q.Rows).WithOne().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<QuestionnaireFile>().WithOne().HasForeignKey<QuestionnaireFile>(f => f.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The uploaded file's bytes, in their own table so lists never load them.</summary>
public class QuestionnaireFile
{
    public Guid QuestionnaireId { get; set; }
    public byte[] Content { get; set; } = [];
}

public sealed class QuestionnaireFileConfiguration : IEntityTypeConfiguration<QuestionnaireFile>
{
    public void Configure(EntityTypeBuilder<QuestionnaireFile> builder) => builder.HasKey(f => f.QuestionnaireId);
}
