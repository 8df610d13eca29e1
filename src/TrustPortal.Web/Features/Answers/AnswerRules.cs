using System.Text.RegularExpressions;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Answers;

/// <summary>What an answer may hold, with a message per field; the admin page and the service use the same rules.</summary>
public static partial class AnswerRules
{
    public const int QuestionMaxLength = 500;
    public const int BodyMaxLength = 8000;
    public const int TagsMaxLength = 300;
    public const int OwnerMaxLength = 200;
    public const int MaxTags = 10;

    public static Dictionary<string, string> Validate(AnswerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Check(errors, nameof(AnswerInput.Question), input.Question, "question", 5, QuestionMaxLength, multiline: false);
        Check(errors, nameof(AnswerInput.Body), input.Body, "answer", 5, BodyMaxLength, multiline: true);
        if (input.Owner is { Length: > 0 } owner)
        {
            Check(errors, nameof(AnswerInput.Owner), owner, "owner", 0, OwnerMaxLength, multiline: false);
        }
        var tags = SplitTags(input.Tags);
        if ((input.Tags?.Length ?? 0) > TagsMaxLength || tags.Count > MaxTags)
        {
            errors[nameof(AnswerInput.Tags)] = $"Use at most {MaxTags} tags.";
        }
        else if (tags.Any(t => !TagPattern().IsMatch(t)))
        {
            errors[nameof(AnswerInput.Tags)] = "A tag is one word of letters, digits or hyphens, e.g. privacy or soc-2.";
        }
        if (input.Visibility is null || !Enum.IsDefined(input.Visibility.Value))
        {
            errors[nameof(AnswerInput.Visibility)] = "Choose who may read the answer.";
        }
        return errors;
    }

    /// <summary>Tags as stored: lower case, one space apart, each once, in the order given. Commas or spaces separate them.</summary>
    public static IReadOnlyList<string> SplitTags(string? tags) =>
        (tags ?? "").Split([',', ' ', ';', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.TrimStart('#').ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string NormalizeTags(string? tags) => string.Join(' ', SplitTags(tags));

    private static void Check(Dictionary<string, string> errors, string field, string? value, string what, int min, int max, bool multiline)
    {
        var text = value?.Trim() ?? "";
        if (text.Length < min)
        {
            errors[field] = $"Write the {what} (at least {min} characters).";
        }
        else if (text.Length > max)
        {
            errors[field] = $"The {what} can be at most {max} characters.";
        }
        else if (text.Any(c => PlainTextAttribute.IsHidden(c) || (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))))
        {
            errors[field] = $"The {what} contains characters that are not allowed.";
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}-]{0,39}$")]
    private static partial Regex TagPattern();
}

/// <summary>The admin form's fields for one answer; <see cref="Id"/> is null for a new one.</summary>
public sealed class AnswerInput
{
    public int? Id { get; set; }
    public string? Question { get; set; }
    public string? Body { get; set; }
    public string? Tags { get; set; }
    public AnswerVisibility? Visibility { get; set; } = AnswerVisibility.Public;
    public string? Owner { get; set; }

    public static AnswerInput From(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new() { Id = answer.Id, Question = answer.Question, Body = answer.Body, Tags = answer.Tags.Replace(' ', ','), Visibility = answer.Visibility, Owner = answer.Owner };
    }
}
