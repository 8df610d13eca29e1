using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>
/// The signed act that changes the election: the typed name, the authority box, and the versions of the texts the
/// member read (a newer version published meanwhile refuses it, so nobody signs a text they have not seen).
/// </summary>
public sealed class DataSharingSignature
{
    /// <summary>True to opt in, false to opt out.</summary>
    public bool OptIn { get; set; }

    [Required(ErrorMessage = "Type your full name to sign.")]
    [StringLength(AgreementLimits.PersonNameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Your full name")]
    public string TypedName { get; set; } = "";

    [MustBeTrue(ErrorMessage = "Confirm that you may make this choice for your organization.")]
    public bool ConfirmsAuthority { get; set; }

    /// <summary>The commitments version shown to the member.</summary>
    public int CommitmentsVersion { get; set; }

    /// <summary>The election template version shown to the member.</summary>
    public int TemplateVersion { get; set; }

    /// <summary>The election in force when the page was loaded (0: none yet), so two members changing it at once are told.</summary>
    public int SeenRevision { get; set; }
}

/// <summary>The commitment text an election rests on, as published in one version.</summary>
public sealed record CommitmentText(int Version, DateOnly EffectiveDate, string Sha256, IReadOnlyList<CommitmentParagraphs> Sections);

/// <summary>A section of the commitments: its title and Markdown body.</summary>
public sealed record CommitmentParagraphs(string Slug, string Title, string BodyMarkdown);

/// <summary>The election in force: Off with no date when the organization never opted in.</summary>
public sealed record ElectionState(bool OptedIn, int Revision, DateTime? ElectedAtUtc, DateTime? EffectiveFromUtc, string? SignerName, Guid? AgreementId, string? AgreementNumber)
{
    public static readonly ElectionState Never = new(false, 0, null, null, null, null, null);

    /// <summary>Like "On from 2 Dec 2026" or "Off", for the matrix, its CSV and the portal.</summary>
    public string Label => OptedIn && EffectiveFromUtc is { } from
        ? $"On from {from:yyyy-MM-dd} (UTC)"
        : ElectedAtUtc is { } at ? $"Off since {at:yyyy-MM-dd} (UTC)" : "Off";
}

/// <summary>What /portal/data-controls shows a member: the election, the texts it rests on and whether they can sign.</summary>
public sealed record DataControlsView(
    string OrganizationName,
    string MemberName,
    ElectionState Election,
    CommitmentText? Commitment,
    int? TemplateVersion,
    IReadOnlyList<ElectionHistoryItem> History);

public sealed record ElectionHistoryItem(bool OptedIn, DateTime ElectedAtUtc, DateTime EffectiveFromUtc, string SignerName, Guid AgreementId, string AgreementNumber, int CommitmentsVersion);

/// <summary>The stored election and its sealed record, or the messages that stopped it (nothing stored).</summary>
public sealed record ElectionResult(Guid? AgreementId, string? Number, IReadOnlyList<ValidationResult> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ElectionResult Done(Guid id, string number) => new(id, number, []);

    public static ElectionResult Invalid(IReadOnlyList<ValidationResult> errors) => new(null, null, errors);

    public static ElectionResult Invalid(string message) => new(null, null, [new ValidationResult(message)]);

    public static readonly ElectionResult Busy = Invalid("The portal is busy and could not record your choice. Nothing changed; try again in a moment.");
}
