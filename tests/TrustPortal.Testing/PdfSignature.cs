using System.Globalization;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;

namespace TrustPortal.Testing;

/// <summary>Reads a sealed PDF's CMS signature the plain way (last /ByteRange, its /Contents), independent of the portal's verifier.</summary>
public static partial class PdfSignature
{
    /// <summary>The decoded, checked CMS of the last signature.</summary>
    public static SignedCms Read(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var range = ByteRange().Matches(text).Last();
        var first = int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
        var secondStart = int.Parse(range.Groups[3].Value, CultureInfo.InvariantCulture);
        var secondLength = int.Parse(range.Groups[4].Value, CultureInfo.InvariantCulture);
        var signed = pdf[..first].Concat(pdf[secondStart..(secondStart + secondLength)]).ToArray();
        var padded = Convert.FromHexString(text[(first + 1)..(secondStart - 1)]);
        // The placeholder is zero-padded after the DER structure: keep the structure (a SEQUENCE with a long-form length).
        var octets = padded[1] & 0x7F;
        var length = padded.Skip(2).Take(octets).Aggregate(0, (n, b) => (n << 8) | b);
        var der = padded[..(2 + octets + length)];
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        cms.Decode(der);
        cms.CheckSignature(verifySignatureOnly: true);
        return cms;
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();
}
