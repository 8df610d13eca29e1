using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace TrustPortal.Documents;

/// <summary>
/// The RFC 3161 time-stamp in a seal: when the authority saw the signature and who the authority is (its certificate's
/// subject). <see cref="Verified"/> is false when the token is there but its signature or message imprint does not hold;
/// then the time and authority are not to be believed.
/// </summary>
public sealed record SealTimestamp(DateTime TimeUtc, string Authority, string? AuthorityThumbprint, bool Verified)
{
    /// <summary>id-aa-signatureTimeStampToken: the unsigned attribute of a CMS SignerInfo that holds the token.</summary>
    public const string TokenAttributeOid = "1.2.840.113549.1.9.16.2.14";

    /// <summary>The first time-stamp token in the signer's unsigned attributes, checked against its signature value; null when there is none.</summary>
    public static SealTimestamp? Read(SignerInfo signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        foreach (var attribute in signer.UnsignedAttributes)
        {
            if (attribute.Oid.Value != TokenAttributeOid)
            {
                continue;
            }
            foreach (var value in attribute.Values)
            {
                if (!Rfc3161TimestampToken.TryDecode(value.RawData, out var token, out _))
                {
                    return new SealTimestamp(default, "(unreadable)", null, Verified: false);
                }
                var time = token.TokenInfo.Timestamp.UtcDateTime;
                try
                {
                    if (token.VerifySignatureForSignerInfo(signer, out var authority) && authority is not null)
                    {
                        return new SealTimestamp(time, authority.Subject, Convert.ToHexString(authority.GetCertHash(HashAlgorithmName.SHA256)), Verified: true);
                    }
                }
                catch (CryptographicException)
                {
                    // Treated as not verified below.
                }
                return new SealTimestamp(time, SignerSubject(token) ?? "(unknown)", null, Verified: false);
            }
        }
        return null;
    }

    private static string? SignerSubject(Rfc3161TimestampToken token)
    {
        var cms = token.AsSignedCms();
        return cms.SignerInfos.Count > 0 && cms.SignerInfos[0].Certificate is X509Certificate2 c ? c.Subject : null;
    }

    /// <summary>The attribute value to add to a SignerInfo: the token's ContentInfo, DER-encoded.</summary>
    internal static AsnEncodedData Attribute(Rfc3161TimestampToken token) => new(new Oid(TokenAttributeOid), token.AsSignedCms().Encode());
}
