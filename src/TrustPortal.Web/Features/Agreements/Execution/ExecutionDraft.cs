using System.Security.Cryptography;
using System.Text.Json;
using TrustPortal.Documents;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// A PDF rendered and sealed before the database lock, for the number the execution expects. It is stored only when the
/// document composed under the lock, with the number actually taken, is the same document (<see cref="Fingerprint"/>).
/// </summary>
public sealed record ExecutionDraft(ExecutionFacts Facts, string Fingerprint, byte[] Pdf)
{
    /// <summary>SHA-256 of everything the PDF is made of: the content (number, terms, parties, times) and the parties stored.</summary>
    public static string FingerprintOf(ComposedAgreement composed)
    {
        ArgumentNullException.ThrowIfNull(composed);
        var json = JsonSerializer.SerializeToUtf8Bytes(new { composed.Content, composed.Parties });
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }

    public bool Matches(ExecutionFacts facts, ComposedAgreement composed) =>
        facts.Number == Facts.Number && facts.NowUtc == Facts.NowUtc && facts.AgreementId == Facts.AgreementId && FingerprintOf(composed) == Fingerprint;
}
