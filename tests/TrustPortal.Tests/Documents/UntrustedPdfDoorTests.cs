namespace TrustPortal.Tests.Documents;

/// <summary>Keeps every future upload path behind the structure guard: only UntrustedPdf may call a PDF parser's open.</summary>
public sealed class UntrustedPdfDoorTests
{
    [Fact]
    public void Sources_OpenPdfsOnlyThroughUntrustedPdf()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TrustPortal.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.EndsWith("UntrustedPdf.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("PdfReader.Open", StringComparison.Ordinal) || text.Contains("UglyToad.PdfPig", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root.FullName, f))
            .ToList();

        Assert.Empty(offenders);
        Assert.Contains("PdfReader.Open", File.ReadAllText(Path.Combine(root.FullName, "src", "TrustPortal.Documents", "Untrusted", "UntrustedPdf.cs")), StringComparison.Ordinal);
    }
}
