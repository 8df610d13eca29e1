using System.Globalization;
using System.Text;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter.MachineReadable;

/// <summary>
/// /llms.txt: the trust center as one Markdown file that a language model (or a person) reads top to bottom, following
/// the llms.txt convention: a title, a one-paragraph summary in a quote, then sections of facts and links.
/// </summary>
public static class LlmsText
{
    public static string Write(TrustCenterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder();
        var vendor = facts.Vendor;
        text.Append("# ").Append(Line(vendor.Name)).AppendLine(" Trust Center").AppendLine();
        text.Append("> ").Append(Line(vendor.LegalName))
            .Append("'s public trust center: its data-privacy commitments, the compliance frameworks it is audited against and their audit periods, ")
            .Append("the subprocessors that handle customer data, and how to get each document. ")
            .Append(CultureInfo.InvariantCulture, $"Version {facts.Version}, updated {Time(facts.UpdatedAt)}.").AppendLine().AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"The same facts as JSON: {facts.Links.Json}").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Contact: {Line(vendor.ContactEmail)}").AppendLine().AppendLine();

        WriteCommitments(text, facts);
        WriteFrameworks(text, facts.Frameworks);
        WriteSubprocessors(text, facts.Subprocessors);
        WriteDocuments(text, facts.Documents);
        WriteLibrary(text, facts.Library);
        WriteFaq(text, facts.Faq);
        WriteLinks(text, facts.Links);
        return text.ToString();
    }

    private static void WriteCommitments(StringBuilder text, TrustCenterFacts facts)
    {
        text.AppendLine("## Data-privacy commitments").AppendLine();
        if (facts.Commitments is not { } commitments)
        {
            text.AppendLine("No commitments are published yet.").AppendLine();
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"Version {commitments.Version}, effective {Date(commitments.EffectiveDate)}, published {Time(commitments.PublishedAt)}. ")
            .Append(CultureInfo.InvariantCulture, $"Full text: {commitments.Url}").AppendLine().AppendLine();
        foreach (var section in commitments.Sections)
        {
            text.Append("### ").AppendLine(Line(section.Title)).AppendLine();
            if (!string.IsNullOrWhiteSpace(section.Summary))
            {
                text.AppendLine(Line(section.Summary)).AppendLine();
            }
            // The body is the published Markdown; its own headings are pushed below this section's.
            text.AppendLine(Demote(section.BodyMarkdown.Trim())).AppendLine();
        }
    }

    private static void WriteFrameworks(StringBuilder text, IReadOnlyList<FrameworkFacts> frameworks)
    {
        text.AppendLine("## Compliance frameworks").AppendLine();
        if (frameworks.Count == 0)
        {
            text.AppendLine("None listed yet.").AppendLine();
            return;
        }
        foreach (var framework in frameworks)
        {
            text.Append("- **").Append(Line(framework.Name)).Append("** (").Append(Status(framework.Status)).Append("): ").Append(Sentence(framework.Summary));
            if (framework.AuditPeriod is { } period)
            {
                text.Append(CultureInfo.InvariantCulture, $" Audit period {Date(period.Start)} to {Date(period.End)}")
                    .Append(framework.Auditor is { Length: > 0 } auditor ? $", by {Line(auditor)}." : ".");
            }
            text.Append(" How to get it: ").Append(Sentence(framework.HowToObtain));
            if (framework.DocumentUrl is { } url)
            {
                text.Append(' ').Append(url);
            }
            text.AppendLine();
        }
        text.AppendLine();
    }

    private static void WriteSubprocessors(StringBuilder text, SubprocessorListFacts list)
    {
        text.AppendLine("## Subprocessors").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Published list version {list.ListVersion}")
            .Append(list.PublishedAt is { } at ? $", {Time(at)}" : "")
            .Append(CultureInfo.InvariantCulture, $". Page and change history: {list.Url}").AppendLine().AppendLine();
        if (list.Items.Count == 0)
        {
            text.AppendLine("No subprocessors are listed.").AppendLine();
            return;
        }
        foreach (var item in list.Items)
        {
            text.Append("- **").Append(Line(item.Name)).Append("**");
            if (item.Website is { Length: > 0 } website)
            {
                text.Append(" (").Append(Line(website)).Append(')');
            }
            text.Append(": ").Append(Sentence(item.Purpose))
                .Append(" Location: ").Append(Sentence(item.Location))
                .Append(" Data: ").Append(Sentence(item.DataCategories))
                .Append(item.StartsProcessing ? $" Starts processing {Date(item.Since)}." : $" Since {Date(item.Since)}.")
                .AppendLine();
        }
        text.AppendLine();
    }

    private static void WriteDocuments(StringBuilder text, IReadOnlyList<DocumentFacts> documents)
    {
        text.AppendLine("## Documents and how to get them").AppendLine();
        if (documents.Count == 0)
        {
            text.AppendLine("No documents are offered yet.").AppendLine();
            return;
        }
        foreach (var document in documents)
        {
            text.Append("- [").Append(Line(document.Name)).Append("](").Append(document.Url).Append(") for ")
                .Append(string.Join(", ", document.Covers)).Append(": ").Append(document.HowToGet)
                .Append(' ').Append(Sentence(document.HowToObtain)).AppendLine();
        }
        text.AppendLine();
    }

    private static void WriteFaq(StringBuilder text, IReadOnlyList<FaqFacts> faq)
    {
        if (faq.Count == 0)
        {
            return;
        }
        text.AppendLine("## Frequently asked questions").AppendLine();
        foreach (var entry in faq)
        {
            text.Append("### ").AppendLine(Line(entry.Question)).AppendLine();
            // The answer is the published Markdown; its own headings are pushed below the question's.
            text.AppendLine(Demote(entry.AnswerMarkdown.Trim())).AppendLine();
            text.Append("Source: ").AppendLine(entry.Url).AppendLine();
        }
    }

    private static void WriteLibrary(StringBuilder text, IReadOnlyList<LibraryDocumentFacts> library)
    {
        if (library.Count == 0)
        {
            return;
        }
        text.AppendLine("## Document library").AppendLine();
        foreach (var document in library)
        {
            text.Append("- [").Append(Line(document.Title)).Append("](").Append(document.Url).Append(") (").Append(document.Visibility)
                .Append(CultureInfo.InvariantCulture, $", current until {Date(document.CurrentUntil)}): ");
            if (!string.IsNullOrWhiteSpace(document.Description))
            {
                text.Append(Sentence(document.Description)).Append(' ');
            }
            text.AppendLine(document.HowToGet);
        }
        text.AppendLine();
    }

    private static void WriteLinks(StringBuilder text, TrustCenterLinks links)
    {
        text.AppendLine("## Links").AppendLine();
        text.Append("- [Trust center home](").Append(links.Home).AppendLine(")");
        text.Append("- [Data-privacy commitments](").Append(links.Commitments).AppendLine(")");
        text.Append("- [Earlier versions of the commitments](").Append(links.CommitmentsHistory).AppendLine(")");
        text.Append("- [Compliance program](").Append(links.Compliance).AppendLine(")");
        text.Append("- [Subprocessors](").Append(links.Subprocessors).AppendLine(")");
        text.Append("- [Subscribe to subprocessor changes](").Append(links.SubscribeToSubprocessorChanges).AppendLine(")");
        text.Append("- [Verify a signed agreement](").Append(links.Verify).AppendLine("): upload the PDF to check its seal and that it was issued here");
        text.Append("- [This summary as JSON](").Append(links.Json).AppendLine(")");
    }

    private static string Status(CertificationStatus status) => status switch
    {
        CertificationStatus.Current => "current",
        CertificationStatus.InProgress => "in progress",
        CertificationStatus.Expired => "expired",
        _ => throw EnumNames.Unnamed(status),
    };

    /// <summary>A one-line field: line breaks and runs of spaces would break a list item apart.</summary>
    private static string Line(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Sentence(string value)
    {
        var line = Line(value);
        return line.Length == 0 || line.EndsWith('.') || line.EndsWith('!') || line.EndsWith('?') ? line : line + ".";
    }

    private static string Demote(string markdown) =>
        string.Join('\n', markdown.ReplaceLineEndings("\n").Split('\n').Select(l => l.StartsWith('#') ? "###" + l : l));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
