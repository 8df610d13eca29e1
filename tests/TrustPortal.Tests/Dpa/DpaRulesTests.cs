using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.Tests.Dpa;

public sealed class DpaRulesTests
{
    [Theory]
    [InlineData("Casey Customer", "Casey Customer")]
    [InlineData("casey   customer", "Casey Customer")]
    [InlineData(" CASEY CUSTOMER ", "Casey Customer")]
    [InlineData("Zoë Ångström", "Zoe\u0308 A\u030Angstro\u0308m")]
    public void SignatureMatches_SameNameDespiteCaseSpacingOrComposition(string typed, string signatory) =>
        Assert.True(DpaRules.SignatureMatches(typed, signatory));

    [Theory]
    [InlineData("Casey", "Casey Customer")]
    [InlineData("Casey Customers", "Casey Customer")]
    [InlineData("", "Casey Customer")]
    public void SignatureMatches_DifferentName_DoesNot(string typed, string signatory) =>
        Assert.False(DpaRules.SignatureMatches(typed, signatory));

    [Fact]
    public void Validate_CompleteDraftAndMatchingSignature_HasNoMessages()
    {
        var draft = new DpaDraft
        {
            LegalName = "Acme Corporation",
            Address = "1 Main Street, Springfield",
            Country = "Germany",
            SignatoryName = "Casey Customer",
            SignatoryTitle = "COO",
            SignatoryEmail = "casey@acme.example",
            DataSubjects = [DpaOptions.DataSubjects[0]],
            DataCategories = [DpaOptions.DataCategories[0]],
            Purposes = "Support chat assistant for our customers.",
        };

        Assert.Empty(DpaRules.Validate(draft, new DpaSignature { TypedName = "Casey Customer", Consent = true }));
    }

    [Fact]
    public void Validate_EmptyDraft_NamesEveryRequiredField()
    {
        var fields = DpaRules.Validate(new DpaDraft(), new DpaSignature()).SelectMany(r => r.MemberNames).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "LegalName", "Address", "Country", "SignatoryName", "SignatoryTitle", "SignatoryEmail",
            "DataSubjects", "DataCategories", "Purposes", "TypedName", "Consent",
        }, fields);
    }
}
