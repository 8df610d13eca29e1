using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>One question of a questionnaire: where it stands in the file, the library's best answers, and the draft.</summary>
public class QuestionnaireRow
{
    public long Id { get; set; }
    public Guid QuestionnaireId { get; set; }

    /// <summary>Zero-based row in the file (in a workbook: the row number less one).</summary>
    public int RowIndex { get; set; }

    public string Question { get; set; } = "";

    /// <summary>The row's cells as uploaded, as a JSON array of strings, to show the question in its context.</summary>
    public string CellsJson { get; set; } = "[]";

    /// <summary>The best library answers, best first, as JSON (<see cref="AnswerMatch"/>).</summary>
    public string MatchesJson { get; set; } = "[]";

    /// <summary>The library answer the draft came from, if any.</summary>
    public int? ChosenAnswerId { get; set; }

    public string Draft { get; set; } = "";
    public bool Reviewed { get; set; }
    public string? ReviewedBy { get; set; }

    /// <summary>Concurrency token: two reviewers saving the same row at once cannot both win.</summary>
    public int Version { get; set; }

    public IReadOnlyList<string> Cells => JsonSerializer.Deserialize<List<string>>(CellsJson) ?? [];

    public IReadOnlyList<AnswerMatch> Matches => JsonSerializer.Deserialize<List<AnswerMatch>>(MatchesJson) ?? [];
}

/// <summary>A library answer matched to a question, with its full-text rank (higher is better).</summary>
public sealed record AnswerMatch(int AnswerId, double Rank);

public sealed class QuestionnaireRowConfiguration : IEntityTypeConfiguration<QuestionnaireRow>
{
    public void Configure(EntityTypeBuilder<QuestionnaireRow> builder)
    {
        builder.HasIndex(r => new { r.QuestionnaireId, r.RowIndex }).IsUnique();
        builder.Property(r => r.Question).HasMaxLength(QuestionnaireLimits.CellMaxLength);
        builder.Property(r => r.Draft).HasMaxLength(QuestionnaireLimits.DraftMaxLength);
        builder.Property(r => r.ReviewedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.Cells);
        builder.Ignore(r => r.Matches);
    }
}
