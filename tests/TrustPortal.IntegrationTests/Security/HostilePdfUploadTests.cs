using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>
/// A file built to overflow a recursive PDF parser, sent anonymously to every path that reads uploads: refused with a
/// 4xx in under a second, and the portal keeps answering. (Before the structure guard, one such request killed it.)
/// </summary>
public sealed class HostilePdfUploadTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Files => new()
    {
        "arrays-20000", "arrays-200000", "dictionaries-20000", "dictionaries-200000", "objstm-200000", "kids-cycle", "parent-cycle",
    };

    private static byte[] File(string name) => name switch
    {
        "arrays-20000" => HostilePdfs.NestedArrays(20_000),
        "arrays-200000" => HostilePdfs.NestedArrays(200_000),
        "dictionaries-20000" => HostilePdfs.NestedDictionaries(20_000),
        "dictionaries-200000" => HostilePdfs.NestedDictionaries(200_000),
        "objstm-200000" => HostilePdfs.NestedArraysInObjectStream(200_000),
        "kids-cycle" => HostilePdfs.KidsCycle(),
        _ => HostilePdfs.ParentCycle(),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task VerifyApi_HostileStructure_Answers422FastAndThePortalKeepsAnswering(string name)
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var form = new MultipartFormDataContent { { new ByteArrayContent(File(name)), "file", $"{name}.pdf" } };
        var clock = Stopwatch.StartNew();

        using var response = await http.PostAsync("/api/verify", form);
        var elapsed = clock.Elapsed;
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var after = await http.GetAsync("/verify");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(answer.GetProperty("authentic").GetBoolean());
        Assert.StartsWith("The file is damaged or is not a readable PDF", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task VerifyPageVerifier_HostileStructure_IsUnreadableNotACrash(string name)
    {
        _ = portal.BaseAddress;
        await using var scope = portal.Services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();

        // The /verify page hands the uploaded bytes to this same service.
        var result = await scope.ServiceProvider.GetRequiredService<DocumentVerifier>().VerifyAsync(File(name));

        Assert.False(result.Authentic);
        Assert.True(result.Unreadable);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }
}
