using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace TrustPortal.Web.Features.TrustCenter.Admin;

/// <summary>One section of the commitments draft as the editor works on it.</summary>
public sealed class DraftSection
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";

    public DraftSection Copy() => new() { Slug = Slug, Title = Title, Summary = Summary, BodyMarkdown = BodyMarkdown };
}

/// <summary>What a commitments draft must satisfy to be saved or published; the page shows the same messages per field.</summary>
public static partial class ContentRules
{
    public const int MaxSections = 50;
    public const int SlugMaxLength = 60;
    public const int TitleMinLength = 2;
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 500;
    public const int BodyMaxLength = 20_000;
    public const int ChangeSummaryMinLength = 5;
    public const int ChangeSummaryMaxLength = 2000;

    /// <summary>The validation member name of one field of one section, e.g. <c>Sections[2].Slug</c>.</summary>
    public static string Field(int index, string field) => $"Sections[{index}].{field}";

    public const string SectionsField = "Sections";

    [GeneratedRegex("^[a-z0-9-]{2,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    public static List<ValidationResult> Validate(IReadOnlyList<DraftSection> sections)
    {
        var errors = new List<ValidationResult>();
        if (sections.Count == 0)
        {
            errors.Add(new ValidationResult("Add at least one section.", [SectionsField]));
        }
        if (sections.Count > MaxSections)
        {
            errors.Add(new ValidationResult($"At most {MaxSections} sections.", [SectionsField]));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            var slug = s.Slug ?? "";
            if (!SlugPattern().IsMatch(slug))
            {
                errors.Add(new ValidationResult("2 to 60 characters: lower-case letters, digits and hyphens.", [Field(i, nameof(DraftSection.Slug))]));
            }
            else if (!seen.Add(slug))
            {
                errors.Add(new ValidationResult($"Another section already uses \"{slug}\".", [Field(i, nameof(DraftSection.Slug))]));
            }
            Check(errors, i, nameof(DraftSection.Title), s.Title, TitleMinLength, TitleMaxLength, "Title", multiline: false);
            Check(errors, i, nameof(DraftSection.Summary), s.Summary, 0, SummaryMaxLength, "Summary", multiline: false);
            Check(errors, i, nameof(DraftSection.BodyMarkdown), s.BodyMarkdown, 1, BodyMaxLength, "Text", multiline: true);
        }
        return errors;
    }

    public static List<ValidationResult> ValidatePublication(string? changeSummary, DateOnly? effectiveDate)
    {
        var errors = new List<ValidationResult>();
        var summary = changeSummary?.Trim() ?? "";
        if (summary.Length < ChangeSummaryMinLength || summary.Length > ChangeSummaryMaxLength)
        {
            errors.Add(new ValidationResult($"Say what changed, in {ChangeSummaryMinLength} to {ChangeSummaryMaxLength} characters.", ["ChangeSummary"]));
        }
        else if (HasControlCharacters(summary, multiline: true))
        {
            errors.Add(new ValidationResult("Remove control characters (only line breaks are allowed).", ["ChangeSummary"]));
        }
        if (effectiveDate is null)
        {
            errors.Add(new ValidationResult("Choose the date the new version takes effect.", ["EffectiveDate"]));
        }
        return errors;
    }

    /// <summary>The section as it will be stored: trimmed, line endings normalized.</summary>
    public static DraftSection Normalize(DraftSection s) => new()
    {
        Slug = (s.Slug ?? "").Trim(),
        Title = (s.Title ?? "").Trim(),
        Summary = (s.Summary ?? "").Trim(),
        BodyMarkdown = (s.BodyMarkdown ?? "").ReplaceLineEndings("\n").TrimEnd(),
    };

    internal static bool HasControlCharacters(string value, bool multiline) =>
        value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r'));

    private static void Check(List<ValidationResult> errors, int index, string field, string? value, int min, int max, string label, bool multiline)
    {
        var text = value?.Trim() ?? "";
        if (text.Length < min)
        {
            errors.Add(new ValidationResult(min <= 1 ? $"{label} is required." : $"{label} needs at least {min} characters.", [Field(index, field)]));
        }
        else if (text.Length > max)
        {
            errors.Add(new ValidationResult($"{label} can have at most {max:N0} characters ({text.Length:N0} now).", [Field(index, field)]));
        }
        else if (HasControlCharacters(text, multiline))
        {
            errors.Add(new ValidationResult(multiline
                ? $"{label} contains control characters (tabs, say); only line breaks are allowed."
                : $"{label} contains control characters such as line breaks; use one line.", [Field(index, field)]));
        }
    }
}
