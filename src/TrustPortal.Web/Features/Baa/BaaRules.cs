using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>Input rules for BAA requests, decisions and questions, shared by the pages and the service.</summary>
public static class BaaRules
{
    public const int TextMaxLength = 2000;

    public static List<ValidationResult> Validate(BaaUseCase useCase, IReadOnlyList<string> eligibleServices, DateTime todayUtc)
    {
        var results = FormValidation.Validate(useCase);
        if (useCase.Services.Except(eligibleServices).Any() || useCase.Services.Distinct().Count() != useCase.Services.Count)
        {
            results.Add(new ValidationResult("Choose services from the list of eligible services.", [nameof(BaaUseCase.Services)]));
        }
        if (useCase.PhiKinds.Except(BaaChoices.PhiKinds).Any() || useCase.PhiKinds.Distinct().Count() != useCase.PhiKinds.Count)
        {
            results.Add(new ValidationResult("Choose kinds of PHI from the list.", [nameof(BaaUseCase.PhiKinds)]));
        }
        if (useCase.Safeguards.Except(BaaChoices.Safeguards).Any() || useCase.Safeguards.Distinct().Count() != useCase.Safeguards.Count)
        {
            results.Add(new ValidationResult("Choose safeguards from the list.", [nameof(BaaUseCase.Safeguards)]));
        }
        if (useCase.GoLive is { } goLive && (goLive.Date < todayUtc.Date || goLive.Date > todayUtc.Date.AddYears(3)))
        {
            results.Add(new ValidationResult("Choose a go-live date between today and three years from now.", [nameof(BaaUseCase.GoLive)]));
        }
        return results;
    }

    /// <summary>When a request submitted at <paramref name="submittedAtUtc"/> is due an answer from Sales.</summary>
    public static DateTime ResponseDueAt(DateTime submittedAtUtc, int targetBusinessDays) => BusinessDays.Add(submittedAtUtc, targetBusinessDays);

    /// <summary>Overdue: still waiting on Sales after its due time. The queue's filter is the same test in SQL.</summary>
    public static bool IsOverdue(BaaStatus status, DateTime responseDueAtUtc, DateTime nowUtc) => BaaWorkflow.AwaitsSales(status) && nowUtc > responseDueAtUtc;

    /// <summary>A required free text (reason, question, answer, note): trimmed, 1 to 2,000 characters, no control characters.</summary>
    public static string? ValidateText(string? text, string what)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return $"Enter {what}.";
        }
        if (trimmed.Length > TextMaxLength)
        {
            return $"Keep {what} under {TextMaxLength:N0} characters.";
        }
        return trimmed.Any(c => PlainTextAttribute.IsHidden(c) || (char.IsControl(c) && c is not '\n' and not '\r')) ? $"The {what} contains characters that are not allowed." : null;
    }
}
