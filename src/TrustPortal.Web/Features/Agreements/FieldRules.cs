using System.ComponentModel.DataAnnotations;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>Refuses control characters: they have no place in a legal document and can hide text.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public bool AllowLineBreaks { get; init; }

    public PlainTextAttribute() : base("{0} contains characters that are not allowed.") { }

    public override bool IsValid(object? value) =>
        value is not string text || !text.Any(c => char.IsControl(c) && !(AllowLineBreaks && c is '\n' or '\r'));
}

/// <summary>Names of people and companies never contain angle brackets; refusing them stops markup at the door.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NoMarkupAttribute : ValidationAttribute
{
    public NoMarkupAttribute() : base("{0} cannot contain < or >.") { }

    public override bool IsValid(object? value) => value is not string text || text.IndexOfAny(['<', '>']) < 0;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownCountryAttribute : ValidationAttribute
{
    public KnownCountryAttribute() : base("Choose a country from the list.") { }

    public override bool IsValid(object? value) => value is null or "" || Countries.IsKnown(value as string);
}

/// <summary>Requires a checkbox to be ticked.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MustBeTrueAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is true;
}

/// <summary>Runs the data annotations of a form model, the same rules the form shows at each field.</summary>
public static class FormValidation
{
    public static List<ValidationResult> Validate(object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results;
    }

    public static string Summarize(IEnumerable<ValidationResult> results) =>
        string.Join(" ", results.Select(r => r.ErrorMessage).Distinct());
}

/// <summary>Column limits of the parties and signers stored with an agreement.</summary>
public static class AgreementLimits
{
    public const int LegalNameMaxLength = 200;
    public const int AddressMaxLength = 500;
    public const int CompanyNumberMaxLength = 50;
    public const int PersonNameMaxLength = 100;
}
