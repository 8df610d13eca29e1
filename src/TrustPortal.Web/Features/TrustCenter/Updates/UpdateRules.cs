namespace TrustPortal.Web.Features.TrustCenter.Updates;

/// <summary>What a post must be. Subprocessor-change posts come only from publishing the subprocessor list.</summary>
public static class UpdateRules
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;

    public static IReadOnlyDictionary<string, string> Problems(UpdateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Category is not { } category || !Enum.IsDefined(category))
        {
            problems[nameof(UpdateInput.Category)] = "Choose what the update is about.";
        }
        else if (category == UpdateCategory.SubprocessorChange)
        {
            problems[nameof(UpdateInput.Category)] = "Subprocessor changes are announced by publishing the subprocessor list, which writes the update itself.";
        }
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            problems[nameof(UpdateInput.Title)] = "Enter a title.";
        }
        else if (title.Length > TitleMaxLength)
        {
            problems[nameof(UpdateInput.Title)] = $"Keep the title to {TitleMaxLength} characters.";
        }
        else if (title.Any(char.IsControl))
        {
            problems[nameof(UpdateInput.Title)] = "The title must be one line of text.";
        }
        var body = input.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            problems[nameof(UpdateInput.Body)] = "Write what happened and what readers should know.";
        }
        else if (body.Length > BodyMaxLength)
        {
            problems[nameof(UpdateInput.Body)] = $"Keep the text to {BodyMaxLength:N0} characters.";
        }
        return problems;
    }
}

/// <summary>The publish form.</summary>
public sealed class UpdateInput
{
    public UpdateCategory? Category { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
}
