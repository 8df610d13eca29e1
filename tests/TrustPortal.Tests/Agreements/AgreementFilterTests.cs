using Microsoft.AspNetCore.WebUtilities;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Agreements;

/// <summary>The export's query string: what the page writes, the endpoint reads back; anything else is refused.</summary>
public sealed class AgreementFilterTests
{
    [Fact]
    public void Parse_OfToQueryString_GivesTheSameFilter()
    {
        var filter = new AgreementFilter
        {
            Kind = AgreementKind.Baa,
            Organization = "Acme & Söhne, \"Ltd\"",
            TemplateVersion = 3,
            ExecutedFrom = new DateOnly(2026, 1, 1),
            ExecutedTo = new DateOnly(2026, 12, 31),
            Statuses = [AgreementStatus.Voided, AgreementStatus.Executed],
            Search = "BAA-2026",
        };

        var parsed = Parse(filter.ToQueryString());

        Assert.Null(parsed.Error);
        Assert.Equal(filter.Kind, parsed.Filter!.Kind);
        Assert.Equal(filter.Organization, parsed.Filter.Organization);
        Assert.Equal(filter.TemplateVersion, parsed.Filter.TemplateVersion);
        Assert.Equal(filter.ExecutedFrom, parsed.Filter.ExecutedFrom);
        Assert.Equal(filter.ExecutedTo, parsed.Filter.ExecutedTo);
        Assert.Equal([AgreementStatus.Executed, AgreementStatus.Voided], parsed.Filter.Statuses);
        Assert.Equal(filter.Search, parsed.Filter.Search);
    }

    [Fact]
    public void Parse_Nothing_IsEveryAgreement()
    {
        var parsed = Parse("");

        Assert.True(parsed.Filter!.IsEmpty);
        Assert.Equal("", parsed.Filter.ToQueryString());
    }

    [Fact]
    public void Parse_RepeatedStatusAndAnyCase_AreAccepted()
    {
        var parsed = Parse("status=EXECUTED&status=superseded&kind=Dpa");

        Assert.Equal([AgreementStatus.Executed, AgreementStatus.Superseded], parsed.Filter!.Statuses);
        Assert.Equal(AgreementKind.Dpa, parsed.Filter.Kind);
    }

    [Theory]
    [InlineData("kind=nda", "Unknown kind 'nda'")]
    [InlineData("kind=1", "Unknown kind '1'")]
    [InlineData("status=executed,cancelled", "Unknown status 'cancelled'")]
    [InlineData("template=two", "not a whole number")]
    [InlineData("template=0", "from 1 to")]
    [InlineData("template=-1", "not a whole number")]
    [InlineData("from=31/01/2026", "not a date")]
    [InlineData("from=2026-02-01&to=2026-01-01", "after")]
    [InlineData("kind=dpa&kind=baa", "more than once")]
    [InlineData("statuss=voided", "Unknown filter 'statuss'")]
    [InlineData("q=%01drop", "control characters")]
    public void Parse_BadValue_IsRefusedWithAMessage(string query, string expected)
    {
        var parsed = Parse(query);

        Assert.Null(parsed.Filter);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLongSearch_IsRefused()
    {
        var parsed = Parse("q=" + new string('a', AgreementFilter.TextMaxLength + 1));

        Assert.Contains("longer than", parsed.Error, StringComparison.Ordinal);
    }

    private static AgreementFilterParse Parse(string query) => AgreementFilter.Parse(QueryHelpers.ParseQuery(query));
}
