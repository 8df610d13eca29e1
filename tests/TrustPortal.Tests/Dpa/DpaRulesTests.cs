using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.Tests.Dpa;

public sealed class DpaRulesTests
{
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
