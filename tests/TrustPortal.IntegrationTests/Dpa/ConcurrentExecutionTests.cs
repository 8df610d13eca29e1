using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Dpa;

public sealed class ConcurrentExecutionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Execute_FiftyInParallel_GivesFiftyConsecutiveNumbersAndFiftyValidPdfs()
    {
        var users = new[] { await portal.PrincipalForAsync(DpaTestData.GlobexEmail), await portal.PrincipalForAsync(DpaTestData.AcmeEmail) };
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = portal.ScopeAs(users[i % 2]);
            var draft = DpaTestData.GlobexDraft();
            draft.LegalName = $"Parallel Customer {i}";
            return await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, DpaTestData.Signature());
        })));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join(" ", r.Errors.Select(e => e.ErrorMessage))));
        var sequences = results.Select(r => int.Parse(r.Number![^6..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(50, sequences.Distinct().Count());
        // The demo seed executed Acme's DPA first, so this run continues from it without a gap.
        Assert.Equal(Enumerable.Range(sequences[0], 50), sequences);

        await using var db = portal.CreateDbContext();
        var ids = results.Select(r => r.AgreementId!.Value).ToList();
        var documents = await db.AgreementDocuments.Where(d => ids.Contains(d.AgreementId)).ToListAsync();
        Assert.Equal(50, documents.Count);
        Assert.All(documents, d => Assert.True(PdfTools.IsValidlySealed(d.Content), $"PDF of {d.AgreementId} is not validly sealed."));
        Assert.Equal(50, await db.AuditEvents.CountAsync(e => e.Action == "agreement.executed" && ids.Select(i => i.ToString()).Contains(e.EntityId)));
    }
}
