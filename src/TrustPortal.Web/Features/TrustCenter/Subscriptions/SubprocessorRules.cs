using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter.Subscriptions;

/// <summary>What the admin form and the service both accept for a subprocessor, with a message per field.</summary>
public static class SubprocessorRules
{
    public const int NameMaxLength = 200;
    public const int PurposeMaxLength = 500;
    public const int LocationMaxLength = 200;
    public const int DataCategoriesMaxLength = 500;
    public const int WebsiteMaxLength = 500;
    public const int ChangeSummaryMaxLength = 2000;
    private const int MinLength = 2;

    public static Dictionary<string, string> Validate(SubprocessorInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Check(errors, nameof(SubprocessorInput.Name), input.Name, "name", NameMaxLength);
        Check(errors, nameof(SubprocessorInput.Purpose), input.Purpose, "purpose", PurposeMaxLength);
        Check(errors, nameof(SubprocessorInput.Location), input.Location, "location", LocationMaxLength);
        Check(errors, nameof(SubprocessorInput.DataCategories), input.DataCategories, "categories of data", DataCategoriesMaxLength);
        if (WebsiteProblem(input.Website) is { } website)
        {
            errors[nameof(SubprocessorInput.Website)] = website;
        }
        return errors;
    }

    public static string? ChangeSummaryProblem(string? summary)
    {
        var text = summary?.Trim() ?? "";
        if (text.Length < MinLength)
        {
            return "Say what changed: subscribers and customers read this in the notice.";
        }
        if (text.Length > ChangeSummaryMaxLength)
        {
            return $"The summary can be at most {ChangeSummaryMaxLength} characters.";
        }
        return text.Any(c => PlainTextAttribute.IsHidden(c) || (char.IsControl(c) && c is not '\n' and not '\r'))
            ? "The summary contains characters that are not allowed."
            : null;
    }

    private static void Check(Dictionary<string, string> errors, string field, string? value, string what, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length < MinLength)
        {
            errors[field] = $"Enter the {what} ({MinLength} characters or more).";
        }
        else if (text.Length > max)
        {
            errors[field] = $"The {what} can be at most {max} characters.";
        }
        else if (text.Any(c => char.IsControl(c) || PlainTextAttribute.IsHidden(c)))
        {
            errors[field] = $"The {what} contains characters that are not allowed.";
        }
    }

    private static string? WebsiteProblem(string? website)
    {
        var text = website?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Length > WebsiteMaxLength)
        {
            return $"The website can be at most {WebsiteMaxLength} characters.";
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : "Enter the full address of the website, starting with https://, or leave it empty.";
    }
}

/// <summary>
/// The admin form's fields for adding or editing a subprocessor: Id names a public entry, DraftId an unpublished
/// addition; both are null for a new one.
/// </summary>
public sealed class SubprocessorInput
{
    public int? Id { get; set; }
    public int? DraftId { get; set; }
    public string? Name { get; set; }
    public string? Purpose { get; set; }
    public string? Location { get; set; }
    public string? DataCategories { get; set; }
    public string? Website { get; set; }

    public static SubprocessorInput From(Subprocessor s) => new()
    {
        Id = s.Id, Name = s.Name, Purpose = s.Purpose, Location = s.Location, DataCategories = s.DataCategories, Website = s.Website,
    };

    /// <summary>The form for a draft: an unpublished addition, or a pending edit of a public entry.</summary>
    public static SubprocessorInput From(SubprocessorChange draft) => new()
    {
        Id = draft.SubprocessorId,
        DraftId = draft.Kind == SubprocessorChangeKind.Added ? draft.Id : null,
        Name = draft.Name, Purpose = draft.Purpose, Location = draft.Location, DataCategories = draft.DataCategories, Website = draft.Website,
    };
}

/// <summary>The outcome of a form: success, or messages by field name plus an optional one for the whole form.</summary>
public sealed record FormResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, string? Error = null)
{
    private static readonly Dictionary<string, string> None = [];

    public static FormResult Ok() => new(true, None);
    public static FormResult Fail(string error) => new(false, None, error);
    public static FormResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors);

    public string? For(string field) => Errors.GetValueOrDefault(field);
}
