namespace TrustPortal.Web.Features.DataControls;

/// <summary>When an election takes effect, and which commitment text it rests on.</summary>
public static class DataSharingRules
{
    /// <summary>The commitments section about training; the election shows and seals its text.</summary>
    public const string CommitmentSectionSlug = "training-data";

    /// <summary>
    /// An opt-in lets the vendor use data received from 00:00 UTC on the day after the election: never data sent
    /// before the member signed, and the rest of the day to change their mind before any data is used. An opt-out
    /// applies at the moment it is made.
    /// </summary>
    public static DateTime EffectiveFrom(bool optIn, DateTime electedAtUtc) =>
        optIn ? DateTime.SpecifyKind(electedAtUtc.Date.AddDays(1), DateTimeKind.Utc) : electedAtUtc;
}
