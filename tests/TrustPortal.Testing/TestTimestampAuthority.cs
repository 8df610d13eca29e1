using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;

namespace TrustPortal.Testing;

/// <summary>
/// A real RFC 3161 time-stamp authority on its own Kestrel port, made with BouncyCastle's TSP generator and a
/// certificate of its own (extended key usage id-kp-timeStamping, critical, as RFC 3161 asks). Every address
/// <see cref="Url"/> names grants tokens until <see cref="Fail"/> makes it answer an error status; <see cref="DownUrl"/>
/// refuses connections. Counts the requests per address.
/// </summary>
public sealed class TestTimestampAuthority : IAsyncDisposable, IDisposable
{
    public const string Subject = "CN=TrustPortal Test TSA, O=TrustPortal Tests";

    private readonly WebApplication app;
    private readonly TimeStampResponseGenerator responses;
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);
    private long serial;

    public TestTimestampAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var bcCertificate = DotNetUtilities.FromX509Certificate(Certificate);
        var tokens = new TimeStampTokenGenerator(DotNetUtilities.GetRsaKeyPair(key).Private, bcCertificate, TspAlgorithms.Sha256, "1.3.6.1.4.1.55555.1.1");
        tokens.SetCertificates(CollectionUtilities.CreateStore(new[] { bcCertificate }));
        responses = new TimeStampResponseGenerator(tokens, TspAlgorithms.Allowed);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/{name}", (Delegate)AnswerAsync);
        app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public X509Certificate2 Certificate { get; }

    public string BaseUrl { get; }

    public string Url(string name) => $"{BaseUrl}/{name}";

    /// <summary>Nothing listens there: the connection is refused.</summary>
    public static string DownUrl => "http://127.0.0.1:9/tsa";

    /// <summary>From now on the address <paramref name="name"/> answers <paramref name="status"/> instead of a token.</summary>
    public void Fail(string name, int status = 500) => failures[name] = status;

    public void Restore(string name) => failures.TryRemove(name, out _);

    public int Hits(string name) => hits.GetValueOrDefault(name);

    private async Task<IResult> AnswerAsync(string name, HttpContext context)
    {
        hits.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (failures.TryGetValue(name, out var status))
        {
            return Results.StatusCode(status);
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var query = new TimeStampRequest(body.ToArray());
        var response = responses.Generate(query, BigInteger.ValueOf(Interlocked.Increment(ref serial)), DateTime.UtcNow);
        return Results.Bytes(response.GetEncoded(), "application/timestamp-reply");
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }
}
