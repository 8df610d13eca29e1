namespace TrustPortal.Web.Shared;

/// <summary>A standard or law the compliance program answers to.</summary>
public enum ComplianceFramework { Soc2Type2, Gdpr, Ccpa, Hipaa, Custom }

/// <summary>What readers see for each framework.</summary>
public static class ComplianceFrameworkNames
{
    public static string DisplayName(this ComplianceFramework framework) => framework switch
    {
        ComplianceFramework.Soc2Type2 => "SOC 2 Type 2",
        ComplianceFramework.Gdpr => "GDPR",
        ComplianceFramework.Ccpa => "CCPA",
        ComplianceFramework.Hipaa => "HIPAA",
        ComplianceFramework.Custom => "Other",
        _ => throw EnumNames.Unnamed(framework),
    };
}
