using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace TrustPortal.Documents;

/// <summary>
/// Checks a PDF's embedded seal in .NET, without external tools: the last signature's /ByteRange must start at byte 0
/// and, with its /Contents gap, cover the whole file exactly (so appended bytes are caught), and the detached PKCS#7
/// in /Contents must verify over the covered bytes. Never throws on bad input. Certificate trust is the caller's
/// business (compare <see cref="SealCheck.Signer"/> with the expected certificate).
/// </summary>
public static class PdfSealVerifier
{
    public const string Empty = "The file is empty.";
    public const string NotPdf = "The file is not a PDF.";
    public const string NoSeal = "The document has no digital seal.";
    public const string Damaged = "The digital seal is damaged.";
    public const string NotWholeFile = "The seal does not cover the whole document.";
    public const string Incomplete = "The file is incomplete: it ends before the sealed content does.";
    public const string Appended = "Data was added after the document was sealed.";
    public const string Mismatch = "The seal does not match the document's content.";

    public static SealCheck Check(ReadOnlySpan<byte> pdf)
    {
        if (pdf.IsEmpty)
        {
            return SealCheck.Refused(Empty);
        }
        if (!pdf.StartsWith("%PDF-"u8))
        {
            return SealCheck.Refused(NotPdf);
        }
        var key = pdf.LastIndexOf("/ByteRange"u8);
        if (key < 0)
        {
            return SealCheck.Refused(NoSeal);
        }
        if (!TryReadByteRange(pdf[(key + "/ByteRange"u8.Length)..], out var range))
        {
            return SealCheck.Refused(Damaged);
        }
        var (start, firstLength, secondStart, secondLength) = range;
        if (start != 0 || firstLength <= 0 || secondStart <= firstLength || secondLength < 0)
        {
            return SealCheck.Refused(NotWholeFile);
        }
        var end = secondStart + secondLength;
        if (end > pdf.Length || secondStart > pdf.Length)
        {
            return SealCheck.Refused(Incomplete);
        }
        if (end < pdf.Length)
        {
            return SealCheck.Refused(Appended);
        }
        var signature = ReadContents(pdf, (int)firstLength, (int)secondStart);
        if (signature is null)
        {
            return SealCheck.Refused(Damaged);
        }
        var signed = new byte[firstLength + secondLength];
        pdf[..(int)firstLength].CopyTo(signed);
        pdf.Slice((int)secondStart, (int)secondLength).CopyTo(signed.AsSpan((int)firstLength));
        return Verify(signed, signature);
    }

    private static SealCheck Verify(byte[] signed, byte[] signature)
    {
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        try
        {
            cms.Decode(signature);
            if (cms.SignerInfos.Count == 0 || cms.SignerInfos[0].Certificate is not { } signer)
            {
                return SealCheck.Refused(Damaged);
            }
            try
            {
                cms.CheckSignature(verifySignatureOnly: true);
            }
            catch (CryptographicException)
            {
                return SealCheck.Refused(Mismatch);
            }
            return new SealCheck(true, null, signer) { Timestamp = SealTimestamp.Read(cms.SignerInfos[0]) };
        }
        // A structure that decodes but is nonsense (unknown algorithms, missing parts) fails in these ways too.
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return SealCheck.Refused(Damaged);
        }
    }

    // "[0 1234 5678 910]", whitespace anywhere between tokens.
    private static bool TryReadByteRange(ReadOnlySpan<byte> text, out (long, long, long, long) range)
    {
        range = default;
        var i = SkipSpace(text, 0);
        if (i >= text.Length || text[i] != '[')
        {
            return false;
        }
        Span<long> values = stackalloc long[4];
        i++;
        for (var v = 0; v < 4; v++)
        {
            i = SkipSpace(text, i);
            var digits = 0;
            long value = 0;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && digits < 15)
            {
                value = value * 10 + (text[i] - '0');
                i++;
                digits++;
            }
            if (digits == 0)
            {
                return false;
            }
            values[v] = value;
        }
        i = SkipSpace(text, i);
        if (i >= text.Length || text[i] != ']')
        {
            return false;
        }
        range = (values[0], values[1], values[2], values[3]);
        return true;
    }

    // The gap between the two signed ranges must be exactly the /Contents hex string: "<" hex digits ">".
    private static byte[]? ReadContents(ReadOnlySpan<byte> pdf, int gapStart, int gapEnd)
    {
        var gap = pdf[gapStart..gapEnd];
        if (gap.Length < 2 || gap[0] != '<' || gap[^1] != '>' || !pdf[..gapStart].TrimEnd(" \r\n\t"u8).EndsWith("/Contents"u8))
        {
            return null;
        }
        var hex = gap[1..^1];
        var bytes = new byte[hex.Length / 2];
        var count = 0;
        var high = -1;
        foreach (var c in hex)
        {
            var nibble = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' => -1,
                _ => -2,
            };
            if (nibble == -2)
            {
                return null;
            }
            if (nibble < 0)
            {
                continue;
            }
            if (high < 0)
            {
                high = nibble;
            }
            else
            {
                bytes[count++] = (byte)((high << 4) | nibble);
                high = -1;
            }
        }
        // The placeholder is padded with zeros after the DER structure; hand SignedCms only the structure, and refuse
        // anything else in the padding: it is outside the signed ranges, but a sealed file must not change at all.
        var length = DerLength(bytes.AsSpan(0, count));
        if (length < 0 || high >= 0 || bytes.AsSpan(length, count - length).ContainsAnyExcept((byte)0))
        {
            return null;
        }
        return bytes[..length];
    }

    private static int DerLength(ReadOnlySpan<byte> der)
    {
        if (der.Length < 2 || der[0] != 0x30)
        {
            return -1;
        }
        if (der[1] < 0x80)
        {
            return 2 + der[1] <= der.Length ? 2 + der[1] : -1;
        }
        var octets = der[1] & 0x7F;
        if (octets is 0 or > 4 || der.Length < 2 + octets)
        {
            return -1;
        }
        long length = 0;
        for (var i = 0; i < octets; i++)
        {
            length = (length << 8) | der[2 + i];
        }
        var total = 2 + octets + length;
        return total <= der.Length ? (int)total : -1;
    }

    private static int SkipSpace(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            i++;
        }
        return i;
    }
}
