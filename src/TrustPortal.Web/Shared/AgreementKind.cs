namespace TrustPortal.Web.Shared;

/// <summary>
/// The kinds of agreement the portal executes; audit, attestations and the trust center name them too. An
/// <see cref="Election"/> is an organization's signed data-sharing (model training) choice: opt in or opt out. A
/// <see cref="Zdr"/> is a data-retention amendment: zero retention, or fewer days than the standard.
/// </summary>
/// <remarks>Stored by name in 10-character columns, and the name starts every agreement number: keep names short.</remarks>
public enum AgreementKind { Dpa, Baa, Election, Zdr }

/// <summary>What readers see for each kind of agreement.</summary>
public static class AgreementKindNames
{
    /// <summary>The short name (DPA, BAA) used in lists; <see cref="LongName"/> spells it out.</summary>
    public static string DisplayName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "DPA",
        AgreementKind.Baa => "BAA",
        AgreementKind.Election => "Data sharing",
        AgreementKind.Zdr => "Data retention",
        _ => throw EnumNames.Unnamed(kind),
    };

    public static string LongName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "Data Processing Addendum",
        AgreementKind.Baa => "Business Associate Agreement",
        AgreementKind.Election => "Data Sharing Election",
        AgreementKind.Zdr => "Data Retention Amendment",
        _ => throw EnumNames.Unnamed(kind),
    };
}
