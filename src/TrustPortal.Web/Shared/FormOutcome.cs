using System.ComponentModel.DataAnnotations;

namespace TrustPortal.Web.Shared;

/// <summary>The outcome of a form's command: done, or the messages (by field where they have one) that stopped it.</summary>
public sealed record FormOutcome(IReadOnlyList<ValidationResult> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static FormOutcome Ok() => new([]);

    public static FormOutcome Invalid(IReadOnlyList<ValidationResult> errors) => new(errors);

    public static FormOutcome Invalid(string message) => new([new ValidationResult(message)]);

    public string Summary => FormValidation.Summarize(Errors);
}
