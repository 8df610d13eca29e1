using System.ComponentModel.DataAnnotations;

namespace TrustPortal.Web.Shared;

/// <summary>Validation messages by field name, from the same rules the services enforce; fields show their own.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> byField = new(StringComparer.Ordinal);

    public List<string> General { get; } = [];

    public bool Any => byField.Count > 0 || General.Count > 0;

    public void Clear()
    {
        byField.Clear();
        General.Clear();
    }

    /// <summary>Replaces the messages, keeping only those for <paramref name="fields"/> (all when null).</summary>
    public void Set(IEnumerable<ValidationResult> results, IReadOnlyCollection<string>? fields = null)
    {
        Clear();
        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            if (members.Count == 0)
            {
                General.Add(result.ErrorMessage ?? "Something is wrong with the form.");
                continue;
            }
            foreach (var member in members.Where(m => fields is null || fields.Contains(m)))
            {
                byField.TryAdd(member, result.ErrorMessage ?? "This value is not valid.");
            }
        }
    }

    public bool Has(string field) => byField.ContainsKey(field);

    public string? For(string field) => byField.GetValueOrDefault(field);
}
