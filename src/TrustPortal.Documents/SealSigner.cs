using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Signatures;

namespace TrustPortal.Documents;

/// <summary>
/// The seal's PKCS#7 signer: the same detached SHA-256 signature as PDFsharp's default signer (signing time as an
/// unsigned attribute; the signed /M date in the signature dictionary is what counts), minus two per-document costs:
/// that signer makes a throw-away signature on every seal just to learn how much room to reserve, and builds the
/// certificate chain each time. Here the room is learnt once per certificate, and a self-signed certificate is
/// embedded alone (there is no chain to build). With a <see cref="ISealTimestamper"/>, the signature carries an RFC 3161
/// time-stamp token over its signature value (unsigned attribute id-aa-signatureTimeStampToken), as PAdES asks.
/// </summary>
internal sealed class SealSigner(X509Certificate2 certificate, ISealTimestamper? timestamper = null, CancellationToken cancellationToken = default) : IDigitalSigner
{
    /// <summary>
    /// Room reserved for a time-stamp token. The size must be known before the signature exists; tokens with the
    /// authority's certificate chain are 2 to 8 KB, and unused room is zero padding (twice its size as hex in the file).
    /// </summary>
    public const int TimestampRoom = 12 * 1024;

    // Room for variation between signatures (DSA/ECDSA lengths differ by a few bytes); unused room is zero-padded.
    private const int Margin = 32;
    private static readonly ConcurrentDictionary<string, int> SignatureSizes = new(StringComparer.Ordinal);
    private static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1", "sha256");

    public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) ?? "(unnamed)";

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(SignatureSize);

    private int SignatureSize =>
        SignatureSizes.GetOrAdd(certificate.Thumbprint, static (_, signer) => signer.Sign([0]).Encode().Length + Margin, this)
        + (timestamper is null ? 0 : TimestampRoom);

    public async Task<byte[]> GetSignatureAsync(Stream stream)
    {
        var content = new byte[stream.Length];
        stream.Position = 0;
        stream.ReadExactly(content);
        var cms = Sign(content);
        if (timestamper is null)
        {
            return cms.Encode();
        }
        // The token is over the signature value, so it can only be asked for once the signature exists.
        var signer = cms.SignerInfos[0];
        if (await timestamper.TimestampAsync(signer.GetSignature(), cancellationToken).ConfigureAwait(false) is { } token)
        {
            signer.AddUnsignedAttribute(SealTimestamp.Attribute(token));
        }
        var signature = cms.Encode();
        if (signature.Length > SignatureSize)
        {
            throw new SealTimestampException(
                $"The time-stamp authority's token makes the seal {signature.Length} bytes long, more than the {SignatureSize} bytes reserved for it.");
        }
        return signature;
    }

    private SignedCms Sign(byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
        var signer = new CmsSigner(certificate)
        {
            DigestAlgorithm = Sha256,
            IncludeOption = selfSigned ? X509IncludeOption.EndCertOnly : X509IncludeOption.ExcludeRoot,
        };
        signer.UnsignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(signer, silent: true);
        return cms;
    }
}

/// <summary>Draws nothing: the seal is invisible, and the certificate page states it in words instead.</summary>
internal sealed class InvisibleSealAppearance : IAnnotationAppearanceHandler
{
    public void DrawAppearance(XGraphics gfx, XRect rect)
    {
    }
}
