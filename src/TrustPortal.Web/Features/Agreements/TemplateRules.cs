using System.Security.Cryptography;
using System.Text;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>What a template must hold before it can be published, and the hash that identifies its text.</summary>
public static class TemplateRules
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 200_000;
    public const int ChangeSummaryMaxLength = 1000;

    public static IReadOnlyList<string> RequiredAnnexTables(AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => ["processing", "subprocessors"],
        AgreementKind.Election => ["election", "commitment"],
        AgreementKind.Zdr => ["retention"],
        _ => ["use-case", "services"],
    };

    /// <summary>Every problem with a template about to be published; empty when it may be.</summary>
    public static List<string> Validate(AgreementKind kind, string? title, string? body, string? changeSummary)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > TitleMaxLength || title.Any(char.IsControl))
        {
            errors.Add($"Enter a title of at most {TitleMaxLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(changeSummary) || changeSummary.Length > ChangeSummaryMaxLength)
        {
            errors.Add($"Say what changed in at most {ChangeSummaryMaxLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(body) || body.Length > BodyMaxLength)
        {
            errors.Add($"The text must be between 1 and {BodyMaxLength:N0} characters.");
            return errors;
        }
        var parsed = TemplateParser.Parse(body);
        errors.AddRange(parsed.Errors);
        if (parsed.Template is { } template)
        {
            var tables = template.Annexes.SelectMany(a => a.Blocks).Select(b => b.Placeholder).OfType<string>().ToList();
            foreach (var required in RequiredAnnexTables(kind).Where(r => !tables.Contains(r)))
            {
                errors.Add($"The annexes must include the table {{{{annex:{required}}}}}.");
            }
        }
        return errors;
    }

    public static string Hash(string title, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + body.Replace("\r\n", "\n", StringComparison.Ordinal))));
}
