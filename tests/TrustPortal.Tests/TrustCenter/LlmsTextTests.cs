using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.MachineReadable;

namespace TrustPortal.Tests.TrustCenter;

/// <summary>The Markdown of /llms.txt: staff-typed text cannot break its structure.</summary>
public sealed class LlmsTextTests
{
    [Fact]
    public void Write_MultiLineFieldsAndBodyHeadings_KeepOneListItemEachAndNestUnderTheSection()
    {
        var facts = Facts() with
        {
            Subprocessors = new SubprocessorListFacts(2, null, "https://t.example/subprocessors",
                [new SubprocessorFacts("Acme\nHosting", "Hosting\n\n- injected item", "EU", "All data", null, new DateOnly(2030, 1, 1), true)]),
        };

        var text = LlmsText.Write(facts);

        Assert.Contains("- **Acme Hosting**: Hosting - injected item. Location: EU. Data: All data. Starts processing 2030-01-01.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n- injected item", text, StringComparison.Ordinal);
        Assert.Contains("\n##### Inside the body\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n## Inside the body", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FrameworkWithAnAuditPeriod_StatesThePeriodAndTheAuditor()
    {
        var text = LlmsText.Write(Facts());

        Assert.Contains("- **SOC 2 Type 2** (current): Tested. Audit period 2025-10-01 to 2026-09-30, by Auditor LLP. How to get it: Accept the NDA. https://t.example/soc2",
            text, StringComparison.Ordinal);
    }

    private static TrustCenterFacts Facts() => new(
        TrustCenterFacts.CurrentSchemaVersion, 3, new DateTime(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc),
        new VendorFacts("Meridian", "Meridian, Inc.", "1 Street", "privacy@t.example"),
        new CommitmentsFacts(2, new DateOnly(2026, 1, 15), new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc), "First.", new string('a', 64),
            "https://t.example/commitments", [new CommitmentSectionFacts("promise", "Our promise", "We keep it.", "Text.\n\n## Inside the body\n\nMore.")]),
        [new FrameworkFacts("soc2Type2", "SOC 2 Type 2", CertificationStatus.Current, "Tested", "Auditor LLP",
            new AuditPeriodFacts(new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30)), "Accept the NDA", "https://t.example/soc2")],
        new SubprocessorListFacts(1, null, "https://t.example/subprocessors", []),
        [],
        new TrustCenterLinks("https://t.example/", "c", "h", "p", "s", "u", "v", "l", "j"),
        [new LibraryDocumentFacts("Pen test summary", "What was tested", "On approval", "Request access.", new DateOnly(2027, 3, 31), "https://t.example/documents/1")],
        [new FaqFacts("Do you train on\n## my data?", "No.\n\n# Details\n\nNot without opt-in.", ["training"], "https://t.example/faq#faq-7")]);

    [Fact]
    public void Write_FaqAnswer_KeepsTheQuestionOnOneLine_NestsTheAnswersHeadingsUnderIt_AndLinksItsSource()
    {
        var text = LlmsText.Write(Facts());

        Assert.Contains("## Frequently asked questions\n\n### Do you train on ## my data?\n\nNo.\n\n#### Details\n\nNot without opt-in.\n\nSource: https://t.example/faq#faq-7\n",
            text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LibraryDocument_StatesItsVisibilityExpiryAndHowToGetIt()
    {
        var text = LlmsText.Write(Facts());

        Assert.Contains("## Document library", text, StringComparison.Ordinal);
        Assert.Contains("- [Pen test summary](https://t.example/documents/1) (On approval, current until 2027-03-31): What was tested. Request access.",
            text, StringComparison.Ordinal);
    }
}
