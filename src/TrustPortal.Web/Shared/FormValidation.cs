using System.ComponentModel.DataAnnotations;

namespace TrustPortal.Web.Shared;

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
