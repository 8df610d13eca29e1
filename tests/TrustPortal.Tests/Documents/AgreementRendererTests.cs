using System.Text.RegularExpressions;
using TrustPortal.Benchmarks;
using TrustPortal.Documents;
using UglyToad.PdfPig;
using static TrustPortal.Tests.Documents.DocumentTestData;

namespace TrustPortal.Tests.Documents;

/// <summary>
/// Renders agreements and reads them back with PdfPig, as a recipient's tools would. PdfPig orders words by position,
/// line by line across the page, so a table cell's text is only contiguous within one line of the cell.
/// </summary>
public sealed class AgreementRendererTests
{
    private static readonly Lazy<PdfPages> Sample = new(() => PdfPages.Read(RenderBytes(SampleAgreement.Build())));

    [Fact]
    public void Render_SampleAgreement_NumbersEveryPageWithTheRightTotalAndAgreementNumber()
    {
        var pages = Sample.Value;

        Assert.InRange(pages.Count, 8, 12);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages.All[i], StringComparison.Ordinal);
            Assert.Contains(SampleAgreement.Number, pages.All[i], StringComparison.Ordinal);
            Assert.Contains("Data Processing Addendum", pages.All[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_SampleAgreement_PrintsPartiesClausesAnnexesSignaturesAndCertificate()
    {
        var text = Sample.Value.Text;

        string[] expected =
        [
            "Northwind Health GmbH", "Commercial register: HRB 204871 B", "500 Howard Street, Suite 300",
            "Processing on instructions", "3.4 The Provider shall not use Customer Personal Data to train",
            "(c) the ability to restore the availability",
            "Annex III: Subprocessors", "Cloudflare, Inc.", "Transactional email delivery", "Frankfurt, Germany",
            "Berliner Beauftragte für Datenschutz und Informationsfreiheit.",
            "Signatures", "Katharina Vogel", "Chief Privacy Officer", "Pre-signed for self-serve execution",
            "Certificate of execution", "2026-03-12 16:04:51 UTC", "2026-03-14 10:22:05 UTC", "203.0.113.42",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ];
        foreach (var value in expected)
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_SampleAgreement_KeepsAllTextInsideTheMargins() => Assert.Empty(Sample.Value.Stray);

    [Fact]
    public void Render_SampleAgreement_PutsTheCertificateOnItsOwnPagesAtTheEnd()
    {
        var pages = Sample.Value;

        // The sample's long user agents and its QR code block take the certificate onto a second page.
        var start = Assert.Single(pages.PagesWith("Certificate of execution"));
        Assert.Equal(pages.Count - 2, start);
        Assert.StartsWith("Certificate of execution", pages.Body[start], StringComparison.Ordinal);
        Assert.Contains("Signature", pages.All[start - 1], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Verification", pages.Body[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HtmlLookingText_AppearsLiterally()
    {
        var content = SampleAgreement.Build() with
        {
            Parties = [new PartyBlock("Customer", "Acme <script>alert(1)</script> Ltd", ["<b>1 Main St</b> & \"Co\""])],
        };

        var text = PdfPages.Read(RenderBytes(content)).Text;

        Assert.Contains("Acme <script>alert(1)</script> Ltd", text, StringComparison.Ordinal);
        Assert.Contains("<b>1 Main St</b> & \"Co\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ControlCharactersAndNewlines_AreCleanedAndStartNewLines()
    {
        var content = Minimal([new Clause("1.1", "First line\r\nSecond\u0007 line\u202E and\ttab", [])]);

        var pages = PdfPages.Read(RenderBytes(content));

        Assert.Contains("First line Second line and tab", pages.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", pages.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", pages.Text, StringComparison.Ordinal);
        using var document = PdfDocument.Open(RenderBytes(content));
        var words = document.GetPage(1).GetWords().ToList();
        var first = words.First(w => w.Text == "First");
        var second = words.First(w => w.Text == "Second");
        Assert.True(first.BoundingBox.Bottom - second.BoundingBox.Bottom > 10, "The newline starts a new line below.");
    }

    [Fact]
    public void Render_UnicodeText_IsKept()
    {
        const string Name = "Łódź Zürich Ελληνικά Кириллица – “quoted” €";
        var content = Minimal([new Clause("1.1", Name, [])]);

        Assert.Contains(Name, PdfPages.Read(RenderBytes(content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongClauseAcrossPages_LosesNoWords()
    {
        var sentences = Enumerable.Range(1, 140).Select(i => $"Sentence {i} of the long clause keeps the reader company.");
        var clause = string.Join(" ", sentences) + " It ends with the word quodlibetarian.";
        var content = Minimal([new Clause("1.1", clause, ["An item after the long clause."])]);

        var pages = PdfPages.Read(RenderBytes(content));

        Assert.True(pages.PagesWith("Sentence").Count >= 2, "The clause spans pages.");
        Assert.Equal(1, PdfPages.Occurrences(pages.Text, "It ends with the word quodlibetarian."));
        Assert.Contains(clause, pages.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongUnbrokenWord_IsBrokenAcrossLinesWithoutLoss()
    {
        var word = string.Concat(Enumerable.Repeat("0123456789abcdef", 20));
        var content = Minimal([new Clause("1.1", word, [])]);

        var text = PdfPages.Read(RenderBytes(content)).Text;

        Assert.Equal(word, Regex.Match(text, "[0-9a-f]{20,}( [0-9a-f]+)*").Value.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SignatureBlocksFillingMoreThanAPage_KeepsEachBlockOnOnePage()
    {
        var names = new[] { "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot" };
        var content = SampleAgreement.Build() with
        {
            Signatures = names.Select(n => new SignatureBlock($"Party {n}", $"{n} Holdings Ltd", $"Signer {n}", $"Person {n}",
                $"Director of {n}", "14 March 2026", $"Signed electronically for {n}, with a note long enough to wrap onto a second line in block {n}.")).ToList(),
        };

        var pages = PdfPages.Read(RenderBytes(content));

        var pagesUsed = new HashSet<int>();
        foreach (var n in names)
        {
            var blockPages = new[] { $"{n} Holdings Ltd", $"Signer {n}", $"Person {n}", $"Director of {n}", $"Signed electronically for {n},", $"in block {n}." }
                .Select(line => pages.PagesWith(line)).ToList();
            var page = Assert.Single(pages.PagesWith($"{n} Holdings Ltd"));
            Assert.All(blockPages, p => Assert.Contains(page, p));
            pagesUsed.Add(page);
        }
        Assert.True(pagesUsed.Count >= 2, "The blocks need more than one page, so one of them met a page bottom.");
        Assert.Empty(pages.Stray);
    }

    [Fact]
    public void Render_SignatureNoteLongerThanAPage_FlowsOnWithoutLosingWords()
    {
        var note = string.Join(" ", Enumerable.Range(1, 1500).Select(i => $"n{i}"));
        var content = SampleAgreement.Build() with
        {
            Signatures = [new SignatureBlock("Customer", "Verbose Ltd", "Vera Verbose", "Vera Verbose", "Director", "14 March 2026", note)],
        };

        var pages = PdfPages.Read(RenderBytes(content));

        Assert.Equal(note.Split(' '), pages.Text.Split(' ').Where(w => Regex.IsMatch(w, "^n[0-9]+$")));
        Assert.Empty(pages.Stray);
    }

    [Fact]
    public void Render_TableAcrossPages_RepeatsTheHeaderRowAndKeepsRowsWhole()
    {
        var rows = Enumerable.Range(1, 70).Select(i => (IReadOnlyList<string>)
            [$"Vendor{i:D2}", $"Purpose of vendor number {i:D2}, described in enough words to wrap within its column", $"Place{i:D2}"]).ToList();
        var content = SampleAgreement.Build() with
        {
            Annexes = [new Annex("III", "Subprocessors", [new AnnexPart(null, [], new AnnexTable(["Subprocessor", "Purpose", "Location"], rows, [1, 3, 1]))])],
        };

        var pages = PdfPages.Read(RenderBytes(content));

        var tablePages = Enumerable.Range(1, 70).SelectMany(i => pages.PagesWith($"Vendor{i:D2}")).Distinct().ToList();
        Assert.True(tablePages.Count >= 2, "The table continues on another page.");
        Assert.All(tablePages, p => Assert.Contains("Subprocessor Purpose Location", pages.Body[p], StringComparison.Ordinal));
        for (var i = 1; i <= 70; i++)
        {
            Assert.Equal(pages.PagesWith($"Vendor{i:D2}"), pages.PagesWith($"Place{i:D2}"));
            Assert.Single(pages.PagesWith($"vendor number {i:D2}, described"));
        }
    }

    [Fact]
    public void Render_TableRowTallerThanAPage_IsSplitWithoutLosingText()
    {
        var cell = string.Join(" ", Enumerable.Range(1, 700).Select(i => $"w{i}"));
        var content = SampleAgreement.Build() with
        {
            Annexes = [new Annex("I", "Details", [new AnnexPart(null, [], new AnnexTable(["Item", "Details"], [["Tall", cell], ["After", "the tall row"]]))])],
        };

        var pages = PdfPages.Read(RenderBytes(content));

        // The repeated header row sits between the parts of the split row, so compare the row's own words.
        var words = pages.Text.Split(' ').Where(w => Regex.IsMatch(w, "^w[0-9]+$")).ToList();
        Assert.Equal(cell.Split(' '), words);
        Assert.True(pages.PagesWith("w700")[0] > pages.PagesWith("Tall w1 ")[0], "The row is split across pages.");
        Assert.Contains("the tall row", pages.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Metadata_IsWrittenToTheDocumentInformation()
    {
        using var document = PdfDocument.Open(RenderBytes(SampleAgreement.Build()));

        var info = document.Information;
        Assert.Equal($"Data Processing Addendum {SampleAgreement.Number}", info.Title);
        Assert.Equal(SampleAgreement.Vendor, info.Author);
        Assert.Equal($"Data Processing Addendum between {SampleAgreement.Customer} and {SampleAgreement.Vendor}", info.Subject);
        Assert.Equal("DPA, GDPR, CCPA, data processing", info.Keywords);
        Assert.Equal("TrustPortal document engine", info.Creator);
        Assert.Contains("PDFsharp", info.Producer, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 22, 5, TimeSpan.Zero), info.GetCreatedDateTimeOffset());
    }

    [Fact]
    public void Render_WithoutSignaturesOrCertificate_LeavesThosePagesOut()
    {
        var content = SampleAgreement.Build() with { Signatures = [], Certificate = new CertificateContent([], [], []) };

        var pages = PdfPages.Read(RenderBytes(content));

        Assert.Empty(pages.PagesWith("Certificate of execution"));
        Assert.Empty(pages.PagesWith("Katharina Vogel"));
        // The signature page and the certificate's two pages are left out.
        Assert.Equal(Sample.Value.Count - 3, pages.Count);
    }

    [Fact]
    public void RenderAndSeal_EightInParallel_GivesValidSealsAndTheSameTextAsOneAtATime()
    {
        var expected = Sample.Value.All;
        using var certificate = SelfSigned();

        var results = new byte[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = AgreementRenderer.RenderAndSeal(SampleAgreement.Build(), certificate, Details));

        Assert.All(results, pdf =>
        {
            Assert.True(PdfSealVerifier.Check(pdf).Valid);
            Assert.Equal(expected, PdfPages.Read(pdf).All);
        });
    }

    /// <summary>One section of the given clauses, one party, nothing else: the clause text is all the body says.</summary>
    private static AgreementContent Minimal(IReadOnlyList<Clause> clauses) => new()
    {
        Title = "Test Agreement",
        AgreementNumber = "TST-1",
        Metadata = new DocumentMetadata("Test", "Tests", "Test", "test", DateTime.UtcNow),
        Parties = [new PartyBlock("Customer", "Test Customer", [])],
        Sections = [new ClauseSection("1", "Only section", clauses)],
        Signatures = [],
        Certificate = new CertificateContent([], [], []),
    };
}
