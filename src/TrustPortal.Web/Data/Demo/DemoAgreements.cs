using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.Web.Data.Demo;

/// <summary>The demo DPA that Acme signed, executed by the same pipeline as the wizard.</summary>
public static class DemoAgreements
{
    public static DpaDraft AcmeDraft() => new()
    {
        LegalName = "Acme Corporation",
        Address = "1 Roadrunner Way\nPhoenix, AZ 85001",
        Country = "United States",
        CompanyNumber = "DE-4419021",
        SignatoryName = "Casey Customer",
        SignatoryTitle = "Chief Operating Officer",
        SignatoryEmail = "customer@acme.example",
        DataSubjects = [DpaOptions.DataSubjects[0], DpaOptions.DataSubjects[1]],
        DataCategories = [DpaOptions.DataCategories[0], DpaOptions.DataCategories[1], DpaOptions.DataCategories[2]],
        Purposes = "Answering customer support questions with a chat assistant, and summarizing support tickets for agents.",
        Transfer = TransferMechanism.SccModuleTwo,
    };

    public static DpaSignature AcmeSignature() => new() { TypedName = "Casey Customer", Consent = true };
}
