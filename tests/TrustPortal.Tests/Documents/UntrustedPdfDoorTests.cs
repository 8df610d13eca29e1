using TrustPortal.Tests.Architecture;

namespace TrustPortal.Tests.Documents;

/// <summary>Keeps every future upload path behind the structure guard: only UntrustedPdf may call a PDF parser's open.</summary>
public sealed class UntrustedPdfDoorTests
{
    [Fact]
    public void Sources_OpenPdfsOnlyThroughUntrustedPdf()
    {
        var offenders = SourceTree.Files("src")
            .Where(f => !f.EndsWith("UntrustedPdf.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("PdfReader.Open", StringComparison.Ordinal) || text.Contains("UglyToad.PdfPig", StringComparison.Ordinal)))
            .Select(SourceTree.Relative)
            .ToList();

        Assert.Empty(offenders);
        Assert.Contains("PdfReader.Open", File.ReadAllText(Path.Combine(SourceTree.Root, "src", "TrustPortal.Documents", "Untrusted", "UntrustedPdf.cs")), StringComparison.Ordinal);
    }
}
