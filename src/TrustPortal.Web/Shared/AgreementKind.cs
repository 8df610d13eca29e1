namespace TrustPortal.Web.Shared;

/// <summary>The kinds of agreement the portal executes; audit, attestations and the trust center name them too.</summary>
public enum AgreementKind { Dpa, Baa }

/// <summary>What readers see for each kind of agreement.</summary>
public static class AgreementKindNames
{
    /// <summary>The short name (DPA, BAA) used in lists; <see cref="LongName"/> spells it out.</summary>
    public static string DisplayName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "DPA",
        AgreementKind.Baa => "BAA",
        _ => throw EnumNames.Unnamed(kind),
    };

    public static string LongName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "Data Processing Addendum",
        AgreementKind.Baa => "Business Associate Agreement",
        _ => throw EnumNames.Unnamed(kind),
    };
}
