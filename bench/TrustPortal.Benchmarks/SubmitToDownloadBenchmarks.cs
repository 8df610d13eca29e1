using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.Benchmarks;

/// <summary>
/// From the wizard's "Sign and execute" to the PDF being downloadable: the DPA service executes the seeded DPA
/// (19 pages: number, render, seal, one transaction on a real SQLite file) and the signed-in customer then downloads
/// it over HTTP from a real Kestrel server. The browser's own rendering is not included.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SubmitToDownloadBenchmarks : IDisposable
{
    private PortalFactory portal = null!;
    private PortalClient client = null!;
    private ClaimsPrincipal customer = null!;

    [GlobalSetup]
    public void Setup()
    {
        portal = new PortalFactory();
        client = new PortalClient(portal.BaseAddress);
        client.SignInAsync("customer@globex.example", PortalFactory.DemoPassword).GetAwaiter().GetResult();
        customer = portal.PrincipalForAsync("customer@globex.example").GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> SubmitToDownload()
    {
        ExecutionResult result;
        await using (var scope = portal.ScopeAs(customer))
        {
            result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(Draft(), new DpaSignature { TypedName = "Gale Globex", Consent = true });
        }
        using var response = await client.GetAsync($"/agreements/{result.AgreementId}/pdf");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private static DpaDraft Draft() => new()
    {
        LegalName = "Globex Incorporated",
        Address = "15 Cypress Creek Road, Springfield, OR 97477",
        Country = "United States",
        SignatoryName = "Gale Globex",
        SignatoryTitle = "Chief Executive Officer",
        SignatoryEmail = "gale@globex.example",
        DataSubjects = [DpaOptions.DataSubjects[0]],
        DataCategories = [DpaOptions.DataCategories[0]],
        Purposes = "Summarising sales calls for account managers.",
    };

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        client?.Dispose();
        portal?.Dispose();
        GC.SuppressFinalize(this);
    }
}
