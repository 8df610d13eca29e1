namespace TrustPortal.Web.Shared;

/// <summary>A standard or law the compliance program answers to.</summary>
public enum ComplianceFramework { Soc2Type2, Gdpr, Ccpa, Hipaa, Custom }

public static class ComplianceFrameworkNames
{
    public static string DisplayName(this ComplianceFramework framework) => framework switch
    {
        ComplianceFramework.Soc2Type2 => "SOC 2 Type 2",
        ComplianceFramework.Gdpr => "GDPR",
        ComplianceFramework.Ccpa => "CCPA",
        ComplianceFramework.Hipaa => "HIPAA",
        ComplianceFramework.Custom => "Other",
        _ => throw Unnamed(framework),
    };

    private static ArgumentOutOfRangeException Unnamed(Enum value) =>
        new(nameof(value), value, $"{value.GetType().Name}.{value} has no display name.");
}
