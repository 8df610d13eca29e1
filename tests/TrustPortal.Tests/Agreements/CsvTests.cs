using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Agreements;

public sealed class CsvTests
{
    [Theory]
    [InlineData("Acme Corporation", "Acme Corporation")]
    [InlineData("Acme, Inc.", "\"Acme, Inc.\"")]
    [InlineData("The \"Best\" Co", "\"The \"\"Best\"\" Co\"")]
    [InlineData("Line one\nLine two", "\"Line one\nLine two\"")]
    [InlineData("Carriage\rreturn", "\"Carriage\rreturn\"")]
    [InlineData("", "")]
    public void Cell_SpecialCharacters_AreQuotedAndEscaped(string value, string expected) =>
        Assert.Equal(expected, Csv.Cell(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1 Corp", "\"'+1 Corp\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("a=b", "a=b")]
    // As OWASP advises: the apostrophe first, and the cell quoted, so the spreadsheet shows it as text.
    public void Cell_FormulaStart_IsNeutralisedWithAQuote(string value, string expected) =>
        Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Row_HasTheHeaderColumnsInOrder()
    {
        var row = ManifestCsv.Row("DPA-2026-000001", "Acme, Inc.", AgreementKind.Dpa, 2, new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
            "ab12", AgreementStatus.Voided);

        Assert.Equal("DPA-2026-000001,\"Acme, Inc.\",DPA,2,2026-03-04T05:06:07Z,ab12,Voided", row);
        Assert.Equal("number,organization,kind,template_version,executed_at_utc,sha256,status", ManifestCsv.Header);
    }
}
