using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>How a visitor gets a document: the portal's flow behind it, not published text.</summary>
public enum DocumentAccess
{
    /// <summary>Signed in as a customer, after accepting the click-through NDA; every copy is watermarked.</summary>
    SignInAndNda,

    /// <summary>Signed in as a customer, signed online and executed at once.</summary>
    SelfServe,

    /// <summary>Signed in as a customer, requested and reviewed by the vendor before signing.</summary>
    ReviewedRequest,
}

/// <summary>The document behind a framework, where the portal has a flow for it, and the page that starts that flow.</summary>
public sealed record DocumentOffer(string Name, DocumentAccess Access, string Path);

/// <summary>
/// Which document evidences each framework and where to get it, for /compliance and the machine-readable summaries.
/// Custom entries have no portal flow.
/// </summary>
public static class DocumentOffers
{
    public static readonly DocumentOffer Soc2Report = new("SOC 2 Type 2 report", DocumentAccess.SignInAndNda, "/soc2");
    public static readonly DocumentOffer Dpa = new("Data Processing Addendum (DPA)", DocumentAccess.SelfServe, "/dpa/new");
    public static readonly DocumentOffer Baa = new("Business Associate Agreement (BAA)", DocumentAccess.ReviewedRequest, "/baa/new");

    public static DocumentOffer? For(ComplianceFramework framework) => framework switch
    {
        ComplianceFramework.Soc2Type2 => Soc2Report,
        ComplianceFramework.Gdpr or ComplianceFramework.Ccpa => Dpa,
        ComplianceFramework.Hipaa => Baa,
        _ => null,
    };

    /// <summary>The steps, in one sentence, for a reader who has never used the portal.</summary>
    public static string Describe(DocumentAccess access) => access switch
    {
        DocumentAccess.SignInAndNda => "Sign in with a customer account, accept the click-through NDA, then download; each copy is watermarked with your name, organization and the time.",
        DocumentAccess.SelfServe => "Self-serve: sign in with a customer account, fill in your organization's details and sign online; the sealed agreement is executed at once.",
        DocumentAccess.ReviewedRequest => "By request: sign in with a customer account and describe your use case; the vendor reviews it, and once approved you sign and the vendor countersigns.",
        _ => throw EnumNames.Unnamed(access),
    };
}
