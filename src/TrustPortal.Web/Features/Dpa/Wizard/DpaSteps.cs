namespace TrustPortal.Web.Features.Dpa.Wizard;

/// <summary>The wizard's steps, in order, with the fields each one validates before moving on.</summary>
public static class DpaSteps
{
    public const int Entity = 0;
    public const int Signatory = 1;
    public const int Processing = 2;
    public const int Review = 3;
    public const int Sign = 4;

    public static readonly IReadOnlyList<string> Titles = ["Legal entity", "Signatory", "Processing details", "Review", "Sign"];

    public static IReadOnlyCollection<string> Fields(int step) => step switch
    {
        Entity => [nameof(DpaDraft.LegalName), nameof(DpaDraft.Address), nameof(DpaDraft.Country), nameof(DpaDraft.CompanyNumber)],
        Signatory => [nameof(DpaDraft.SignatoryName), nameof(DpaDraft.SignatoryTitle), nameof(DpaDraft.SignatoryEmail)],
        Processing => [nameof(DpaDraft.DataSubjects), nameof(DpaDraft.DataCategories), nameof(DpaDraft.SpecialCategories),
            nameof(DpaDraft.Purposes), nameof(DpaDraft.Transfer)],
        _ => [],
    };
}
