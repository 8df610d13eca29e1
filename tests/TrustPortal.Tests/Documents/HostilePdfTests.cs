using TrustPortal.Benchmarks;
using TrustPortal.Documents;
using TrustPortal.Documents.Untrusted;
using TrustPortal.Testing;
using static TrustPortal.Tests.Documents.DocumentTestData;

namespace TrustPortal.Tests.Documents;

/// <summary>
/// Files built to overflow a recursive parser's stack. Without the guard, the nesting ones kill the test host itself
/// (a stack overflow cannot be caught), so a regression shows as an aborted run, which tests/run.sh counts as failed.
/// </summary>
public sealed class HostilePdfTests
{
    public static TheoryData<string, int> Nesting => new()
    {
        { "arrays", 20_000 },
        { "arrays", 200_000 },
        { "dictionaries", 20_000 },
        { "dictionaries", 200_000 },
        { "arrays in an object stream", 20_000 },
        { "arrays in an object stream", 200_000 },
    };

    private static byte[] Hostile(string kind, int depth) => kind switch
    {
        "arrays" => HostilePdfs.NestedArrays(depth),
        "dictionaries" => HostilePdfs.NestedDictionaries(depth),
        _ => HostilePdfs.NestedArraysInObjectStream(depth),
    };

    [Theory]
    [MemberData(nameof(Nesting))]
    public void Guard_DeepNesting_IsRefusedWithAReason(string kind, int depth)
    {
        var verdict = PdfStructureGuard.Check(Hostile(kind, depth));

        Assert.False(verdict.IsSafe);
        Assert.Contains("nests arrays or dictionaries", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Nesting))]
    public void CanOpen_DeepNesting_AnswersNo(string kind, int depth)
    {
        var readable = PdfReadability.CanOpen(Hostile(kind, depth));

        Assert.False(readable);
    }

    [Fact]
    public void Guard_NestingJustUnderTheLimit_IsAccepted()
    {
        var pdf = HostilePdfs.NestedArrays(PdfStructureGuard.MaxDepth - 1);

        Assert.True(PdfStructureGuard.Check(pdf).IsSafe);
        Assert.True(PdfReadability.CanOpen(pdf));
    }

    [Fact]
    public void Guard_PageTreeThatListsItselfAmongItsKids_IsRefused()
    {
        var verdict = PdfStructureGuard.Check(HostilePdfs.KidsCycle());

        Assert.False(verdict.IsSafe);
        Assert.Contains("refers back to itself", verdict.Reason, StringComparison.Ordinal);
        Assert.False(PdfReadability.CanOpen(HostilePdfs.KidsCycle()));
    }

    [Fact]
    public void Guard_ParentChainThatLoops_IsRefused()
    {
        var verdict = PdfStructureGuard.Check(HostilePdfs.ParentCycle());

        Assert.False(verdict.IsSafe);
        Assert.Contains("refers back to itself", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_HugeObjectCount_IsRefused()
    {
        var verdict = PdfStructureGuard.Check(HostilePdfs.ManyObjects(PdfStructureGuard.MaxObjects + 10));

        Assert.False(verdict.IsSafe);
        Assert.Contains("objects", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Watermark_DeepNesting_IsRefusedAsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportWatermark.Apply(HostilePdfs.NestedDictionaries(200_000), ["x"], "x"));

        Assert.Contains("nests arrays or dictionaries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_OrdinaryPdfs_AreAccepted()
    {
        using var certificate = SelfSigned();
        var agreement = AgreementRenderer.RenderAndSeal(SampleAgreement.Build(), certificate, Details);

        Assert.True(PdfStructureGuard.Check(HostilePdfs.Plain()).IsSafe);
        Assert.True(PdfReadability.CanOpen(HostilePdfs.Plain()));
        Assert.True(PdfStructureGuard.Check(agreement).IsSafe, PdfStructureGuard.Check(agreement).Reason);
        Assert.True(PdfReadability.CanOpen(agreement));
    }

    [Fact]
    public void Guard_BracketsInsideStringsAndStreams_DoNotCountAsNesting()
    {
        var brackets = new string('[', 500);
        var pdf = System.Text.Encoding.ASCII.GetBytes(
            $"%PDF-1.7\n1 0 obj\n<< /Title ({brackets} \\) {brackets}) /Length 500 >>\nstream\n{brackets}\nendstream\nendobj\n% {brackets}\n");

        Assert.True(PdfStructureGuard.Check(pdf).IsSafe, PdfStructureGuard.Check(pdf).Reason);
    }
}
