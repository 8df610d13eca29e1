using System.Globalization;
using System.Text;

namespace TrustPortal.Web.Shared;

/// <summary>Whether a typed signature is the signatory's name, for every agreement and acceptance that is signed by typing.</summary>
public static class SignatureMatching
{
    /// <summary>Same name, ignoring case, accents' composition and runs of spaces.</summary>
    public static bool Matches(string typed, string signatory) =>
        string.Equals(Canonical(typed), Canonical(signatory), StringComparison.OrdinalIgnoreCase);

    private static string Canonical(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToUpper(CultureInfo.InvariantCulture);
}
