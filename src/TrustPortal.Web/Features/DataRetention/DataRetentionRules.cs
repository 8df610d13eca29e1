using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>Input rules for data-retention requests, shared by the form and the service.</summary>
public static class DataRetentionRules
{
    /// <summary>How many days API data is kept unless an amendment says otherwise; a custom request must ask for fewer.</summary>
    public const int StandardRetentionDays = 30;

    public static List<ValidationResult> Validate(DataRetentionForm form)
    {
        var results = FormValidation.Validate(form);
        if (form.Endpoints.Except(DataRetentionChoices.Endpoints).Any() || form.Endpoints.Distinct().Count() != form.Endpoints.Count)
        {
            results.Add(new ValidationResult("Choose endpoints from the list.", [nameof(DataRetentionForm.Endpoints)]));
        }
        if (form.DataCategories.Except(DataRetentionChoices.DataCategories).Any() || form.DataCategories.Distinct().Count() != form.DataCategories.Count)
        {
            results.Add(new ValidationResult("Choose categories of data from the list.", [nameof(DataRetentionForm.DataCategories)]));
        }
        if (form.Retention == RetentionKind.Custom && form.RetentionDays is not (>= 1 and < StandardRetentionDays))
        {
            results.Add(new ValidationResult($"Enter a number of days from 1 to {StandardRetentionDays - 1}, shorter than the standard {StandardRetentionDays} days.",
                [nameof(DataRetentionForm.RetentionDays)]));
        }
        return results;
    }

    /// <summary>What the request asks for, in words: "Zero data retention" or "7 days".</summary>
    public static string Describe(RetentionKind kind, int? days) =>
        kind == RetentionKind.Zero ? "Zero data retention" : $"{days} {(days == 1 ? "day" : "days")}";

    public static string Ref(int reference) => $"DR-R-{reference:0000}";
}
