using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>One executed agreement as the library lists it; no document bytes.</summary>
public sealed record AgreementLibraryRow(Guid Id, string Number, AgreementKind Kind, AgreementStatus Status, string OrganizationName,
    string CustomerLegalName, int TemplateVersion, DateTime ExecutedAtUtc, string? StatusReason);

/// <summary>A page of the library and how many agreements match the filter in all.</summary>
public sealed record AgreementLibraryResult(IReadOnlyList<AgreementLibraryRow> Rows, int Total);

/// <summary>
/// The outcome of voiding: refused with a reason, or done. Attestations that still cite the agreement as their
/// evidence are listed so that Legal knows to follow them up; voiding does not change them.
/// </summary>
public sealed record AgreementVoidResult(bool Succeeded, string? Error, string? Number, IReadOnlyList<string> CitingAttestations)
{
    public static AgreementVoidResult Refused(string error) => new(false, error, null, []);
}
