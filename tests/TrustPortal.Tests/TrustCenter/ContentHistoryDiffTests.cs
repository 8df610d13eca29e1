using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;

namespace TrustPortal.Tests.TrustCenter;

public sealed class ContentHistoryDiffTests
{
    [Fact]
    public void ToPlainText_DropsMarkupButKeepsTheWords()
    {
        var text = MarkdownRenderer.ToPlainText("## Training\n\n- **No training** on [your data](https://example.com) without _consent_");

        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("##", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_consent_", text, StringComparison.Ordinal);
        Assert.Contains("No training on your data without consent", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ShowsTheBodyAsReadersSeeIt_NotRawMarkdown()
    {
        ContentSection[] older = [new() { Order = 1, Slug = "training", Title = "Training", Summary = "s", BodyMarkdown = "We **never** train on your data." }];
        ContentSection[] newer = [new() { Order = 1, Slug = "training", Title = "Training", Summary = "s", BodyMarkdown = "We **never** train on *customer* data." }];

        var change = Assert.Single(ContentHistory.Compare(older, newer));

        Assert.Equal(SectionChangeKind.Changed, change.Kind);
        var shown = string.Concat(change.BodyDiff.Select(p => p.Text));
        Assert.DoesNotContain("*", shown, StringComparison.Ordinal);
        Assert.Contains(change.BodyDiff, p => p.Kind == DiffKind.Added && p.Text.Contains("customer", StringComparison.Ordinal));
        Assert.Contains(change.BodyDiff, p => p.Kind == DiffKind.Removed && p.Text.Contains("your", StringComparison.Ordinal));
    }
}
