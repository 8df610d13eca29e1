using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Tests.Audit;

public sealed class AuditChainKeyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "trustportal-tests", Guid.NewGuid().ToString("N"));

    public AuditChainKeyTests() => Directory.CreateDirectory(folder);

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void FromConfiguration_InvalidKey_FailsAtOnce(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuditChainKey.FromConfiguration(configured, new DataDirectory(folder), NullLogger.Instance));

        Assert.Contains(AuditChainKey.ConfigurationKey, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, AuditChainKey.GeneratedFileName)));
    }

    [Fact]
    public void FromConfiguration_ConfiguredKey_SignsWithIt()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);

        var key = AuditChainKey.FromConfiguration(Convert.ToBase64String(bytes), new DataDirectory(folder), NullLogger.Instance);

        Assert.Equal(new AuditChainKey(bytes).SignEvent(7, "ab"), key.SignEvent(7, "ab"));
        Assert.False(File.Exists(Path.Combine(folder, AuditChainKey.GeneratedFileName)));
    }

    [Fact]
    public void FromConfiguration_NoKey_CreatesOneFileOnFirstUseAndKeepsUsingIt()
    {
        var first = AuditChainKey.FromConfiguration(null, new DataDirectory(folder), NullLogger.Instance);
        var path = Path.Combine(folder, AuditChainKey.GeneratedFileName);
        Assert.False(File.Exists(path));

        var signature = first.SignEvent(1, "ab");
        var again = AuditChainKey.FromConfiguration(null, new DataDirectory(folder), NullLogger.Instance);

        Assert.True(File.Exists(path));
        Assert.Equal(signature, again.SignEvent(1, "ab"));
        Assert.True(Convert.FromBase64String(File.ReadAllText(path)).Length >= AuditChainKey.MinimumBytes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void SignHead_DiffersFromTheEventSignatureOverTheSameValues()
    {
        var key = new AuditChainKey(RandomNumberGenerator.GetBytes(32));
        var head = new AuditHead { Sequence = 3, Hash = new string('c', 64) };

        Assert.NotEqual(key.SignEvent(3, head.Hash), key.SignHead(head));
        Assert.NotEqual(key.SignCheckpoint(3, head.Hash), key.SignHead(head));
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
