using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>A complete, valid wizard submission for Globex; tests change one thing at a time.</summary>
internal static class DpaTestData
{
    public const string GlobexEmail = "customer@globex.example";
    public const string AcmeEmail = "customer@acme.example";

    public static DpaDraft GlobexDraft() => new()
    {
        LegalName = "Globex Incorporated",
        Address = "15 Cypress Creek Road\nSpringfield, OR 97477",
        Country = "United States",
        CompanyNumber = "OR-998877",
        SignatoryName = "Gale Globex",
        SignatoryTitle = "Chief Executive Officer",
        SignatoryEmail = "gale@globex.example",
        DataSubjects = [DpaOptions.DataSubjects[0]],
        DataCategories = [DpaOptions.DataCategories[0], DpaOptions.DataCategories[4]],
        Purposes = "Summarising sales calls for account managers.",
        Transfer = TransferMechanism.SccModuleTwo,
    };

    public static DpaSignature Signature(string name = "Gale Globex") => new() { TypedName = name, Consent = true };
}
