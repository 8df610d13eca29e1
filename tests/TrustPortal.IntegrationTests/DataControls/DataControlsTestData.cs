using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.DataControls;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.IntegrationTests.DataControls;

/// <summary>Signing elections as a demo member, from what the page would have shown them.</summary>
internal static class DataControlsTestData
{
    public const string GlobexEmail = "customer@globex.example";
    public const string GlobexName = "Gale Globex";
    public const string AcmeEmail = "customer@acme.example";
    public const string AcmeName = "Casey Customer";
    public const string LegalEmail = "legal@trustportal.local";

    public static async Task<DataControlsView?> ViewAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        return await scope.ServiceProvider.GetRequiredService<DataControlsService>().GetAsync();
    }

    /// <summary>The signature the page prepares for <paramref name="view"/>: the opposite of the current choice, with the versions shown.</summary>
    public static DataSharingSignature SignatureFor(DataControlsView view, string typedName) => new()
    {
        OptIn = !view.Election.OptedIn,
        TypedName = typedName,
        ConfirmsAuthority = true,
        CommitmentsVersion = view.Commitment!.Version,
        TemplateVersion = view.TemplateVersion!.Value,
        SeenRevision = view.Election.Revision,
    };

    public static async Task<ElectionResult> ElectAsync(PortalFactory portal, string email, DataSharingSignature signature)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        return await scope.ServiceProvider.GetRequiredService<DataControlsService>().ElectAsync(signature);
    }

    /// <summary>Loads the page's view and signs the change it offers.</summary>
    public static async Task<ElectionResult> ToggleAsync(PortalFactory portal, string email, string typedName)
    {
        var view = await ViewAsync(portal, email) ?? throw new InvalidOperationException($"{email} has no data controls.");
        return await ElectAsync(portal, email, SignatureFor(view, typedName));
    }

    /// <summary>Everything an election writes; equal before and after means nothing was stored and no number used.</summary>
    public static async Task<(int Agreements, int Documents, int Elections, int Outbox, int Audit, long ElectionNumbers)> CountsAsync(PortalFactory portal)
    {
        await using var db = portal.CreateDbContext();
        var counter = DatabaseCounters.AgreementNumber("Election", DateTime.UtcNow.Year);
        return (await db.Agreements.CountAsync(), await db.AgreementDocuments.CountAsync(), await db.DataSharingElections.CountAsync(),
            await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync(),
            await db.Counters.Where(c => c.Name == counter).Select(c => c.Value).FirstOrDefaultAsync());
    }

    public static async Task<PortalClient> SignedInAsync(PortalFactory portal, string email)
    {
        var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        return client;
    }

    /// <summary>What anyone uploading the file to POST /api/verify is told.</summary>
    public static async Task<System.Text.Json.JsonElement> VerifyAsync(PortalFactory portal, byte[] pdf)
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new("application/pdf");
        content.Add(part, "file", "election.pdf");
        using var response = await http.PostAsync("/api/verify", content);
        response.EnsureSuccessStatusCode();
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
    }

    public static async Task<string> CsvLineAsync(PortalFactory portal, string organizationName)
    {
        using var client = await SignedInAsync(portal, LegalEmail);
        using var response = await client.GetAsync("/legal/attestations.csv");
        response.EnsureSuccessStatusCode();
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Organization,SOC 2 Type 2,GDPR,CCPA,HIPAA,Training data,Data retention", lines[0]);
        return Assert.Single(lines, l => l.StartsWith(organizationName + ",", StringComparison.Ordinal));
    }
}
