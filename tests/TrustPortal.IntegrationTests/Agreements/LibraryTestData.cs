using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Agreements;

/// <summary>Arranges agreements for the library tests: real ones through the DPA service, or many at once by copying one.</summary>
internal static class LibraryTestData
{
    public const string LegalEmail = "legal@trustportal.local";
    public const string SalesEmail = "sales@trustportal.local";

    private static int nextYear = 1900;

    /// <summary>A DPA executed by Globex through the wizard's service, as a customer would.</summary>
    public static async Task<ExecutionResult> ExecuteGlobexDpaAsync(PortalFactory portal)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        return result;
    }

    /// <summary>
    /// A new organization with <paramref name="count"/> agreements that share Acme's sealed PDF, all executed at the same
    /// moment in a year of their own (so numbers never collide and the keyset's tie-break is exercised).
    /// </summary>
    public static async Task<(Organization Organization, List<Agreement> Agreements)> ArrangeCopiesAsync(PortalFactory portal, string organizationName, int count,
        AgreementStatus status = AgreementStatus.Executed)
    {
        _ = portal.BaseAddress;
        var year = Interlocked.Increment(ref nextYear);
        await using var db = portal.CreateDbContext();
        var source = await db.Agreements.AsNoTracking().Where(a => a.Organization!.Name == "Acme Corporation").OrderBy(a => a.ExecutedAtUtc).FirstAsync();
        var document = await db.AgreementDocuments.AsNoTracking().SingleAsync(d => d.AgreementId == source.Id);
        var organization = new Organization { Name = organizationName, CreatedAtUtc = DateTime.UtcNow };
        db.Organizations.Add(organization);
        var executedAt = new DateTime(year, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var agreements = new List<Agreement>();
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var agreement = new Agreement
            {
                Number = AgreementNumbers.Format(AgreementKind.Dpa, year, sequence),
                Kind = AgreementKind.Dpa,
                Year = year,
                Sequence = sequence,
                Status = status,
                OrganizationId = organization.Id,
                TemplateId = source.TemplateId,
                TemplateVersion = source.TemplateVersion,
                Customer = new PartyDetails { LegalName = organizationName, Address = "1 Test Street", Country = "United States" },
                VendorLegalName = source.VendorLegalName,
                VendorSignatoryName = source.VendorSignatoryName,
                VendorSignatoryTitle = source.VendorSignatoryTitle,
                SignerName = "Test Signer",
                SignerTitle = "Director",
                SignerEmail = "signer@example.com",
                ExecutedAtUtc = executedAt,
                TemplateSha256 = source.TemplateSha256,
                CommitmentsVersion = source.CommitmentsVersion,
                CommitmentsSha256 = source.CommitmentsSha256,
                SubprocessorsSha256 = source.SubprocessorsSha256,
            };
            db.Agreements.Add(agreement);
            db.AgreementDocuments.Add(new AgreementDocument
            {
                AgreementId = agreement.Id,
                Content = document.Content,
                Sha256 = document.Sha256,
                SizeBytes = document.SizeBytes,
                CreatedAtUtc = executedAt,
            });
            agreements.Add(agreement);
        }
        await db.SaveChangesAsync();
        return (organization, agreements);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
