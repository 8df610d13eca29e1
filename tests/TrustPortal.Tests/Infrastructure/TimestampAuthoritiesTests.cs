using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Testing;
using TrustPortal.Web.Infrastructure.Timestamps;

namespace TrustPortal.Tests.Infrastructure;

/// <summary>The time-stamp client against a real authority on Kestrel and an address where nothing listens.</summary>
public sealed class TimestampAuthoritiesTests : IDisposable
{
    private readonly TestTimestampAuthority authority = new();

    [Fact]
    public async Task Timestamp_FirstAuthorityRefusesConnections_TheNextOneAnswers()
    {
        using var host = Host([TestTimestampAuthority.DownUrl, authority.Url("next")]);
        var data = RandomNumberGenerator.GetBytes(256);

        var token = await host.Services.GetRequiredService<TimestampAuthorities>().TimestampAsync(data, CancellationToken.None);

        Assert.NotNull(token);
        Assert.Equal(SHA256.HashData(data), token!.TokenInfo.GetMessageHash().ToArray());
        Assert.True(token.VerifySignatureForData(data, out var signer));
        Assert.Equal(authority.Certificate.Thumbprint, signer!.Thumbprint);
        Assert.Equal(1, authority.Hits("next"));
    }

    [Fact]
    public async Task Timestamp_EveryAuthorityDownAndRequired_ThrowsWithTheUsersMessage()
    {
        authority.Fail("broken", 502);
        using var host = Host([TestTimestampAuthority.DownUrl, authority.Url("broken")]);

        var error = await Assert.ThrowsAsync<SealTimestampException>(() =>
            host.Services.GetRequiredService<TimestampAuthorities>().TimestampAsync(new byte[] { 1, 2, 3 }, CancellationToken.None));

        Assert.Equal(TimestampAuthorities.Unavailable, error.Message);
        Assert.Equal(2, authority.Hits("broken"));
    }

    [Fact]
    public async Task Timestamp_EveryAuthorityDownButOptional_SealsWithoutOne()
    {
        using var host = Host([TestTimestampAuthority.DownUrl], ("Agreements:Seal:RequireTimestamp", "false"));

        Assert.Null(await host.Services.GetRequiredService<TimestampAuthorities>().TimestampAsync(new byte[] { 1 }, CancellationToken.None));
    }

    [Theory]
    [InlineData("Agreements:Seal:RequireTimestamp", "true", "RequireTimestamp is true but Agreements:Seal:TimestampUrls is empty")]
    [InlineData("Agreements:Seal:TimestampUrls:0", "ftp://tsa.example/", "must be absolute http or https addresses")]
    [InlineData("Agreements:Seal:TimestampRetries", "9", "TimestampRetries must be between 0 and 5")]
    public void Configuration_Invalid_FailsAtStartWithAClearMessage(string key, string value, string message)
    {
        using var host = Host([], (key, value));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TimestampOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static IHost Host(string[] urls, params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var values = new Dictionary<string, string?>
        {
            ["Agreements:Seal:TimestampRetries"] = "1",
            ["Agreements:Seal:TimestampRetryDelay"] = "00:00:00.020",
            ["Agreements:Seal:TimestampTimeout"] = "00:00:03",
        };
        for (var i = 0; i < urls.Length; i++)
        {
            values[$"Agreements:Seal:TimestampUrls:{i}"] = urls[i];
        }
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddTimestampAuthorities();
        return builder.Build();
    }

    public void Dispose() => authority.Dispose();
}
