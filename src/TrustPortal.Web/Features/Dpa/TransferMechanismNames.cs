using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>What readers see for each transfer mechanism of a DPA.</summary>
public static class TransferMechanismNames
{
    public static string DisplayName(this TransferMechanism mechanism) => mechanism switch
    {
        TransferMechanism.SccModuleTwo => "EU Standard Contractual Clauses, Module Two (controller to processor)",
        TransferMechanism.SccModuleThree => "EU Standard Contractual Clauses, Module Three (processor to processor)",
        TransferMechanism.Adequacy => "An adequacy decision covers the transfer",
        TransferMechanism.NotApplicable => "No restricted transfer takes place",
        _ => throw EnumNames.Unnamed(mechanism),
    };
}
