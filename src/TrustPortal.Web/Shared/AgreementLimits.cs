namespace TrustPortal.Web.Shared;

/// <summary>Column limits of the parties and signers stored with an agreement; an NDA signer uses the same name limit.</summary>
public static class AgreementLimits
{
    public const int LegalNameMaxLength = 200;
    public const int AddressMaxLength = 500;
    public const int CompanyNumberMaxLength = 50;
    public const int PersonNameMaxLength = 100;
}
