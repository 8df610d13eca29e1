using TrustPortal.Web.Components;
using TrustPortal.Web.Data.Demo;
using TrustPortal.Web.Features.Admin;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.Portal;
using TrustPortal.Web.Features.SignIn;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalCore();
builder.AddDatabase();
builder.AddPortalIdentity();
builder.AddSignIn();
builder.AddPortalRateLimiting();
builder.AddAudit();
builder.AddEmail();
builder.AddTrustCenter();
builder.AddContentAdmin();
builder.AddAdministration();
builder.AddOrganizations();
builder.AddAgreements();
builder.AddDpa();
builder.AddBaa();
builder.AddSoc2();
builder.AddAttestations();
builder.AddDemoData();

var app = builder.Build();

await app.MigrateDatabaseAsync();
if (await DatabaseBackup.TryRunAsync(app, args))
{
    return;
}
await app.AdoptAuditChainAsync();
await app.SeedAgreementTemplatesAsync();
await app.SeedDemoDataAsync();

app.UsePortalPipeline();
app.MapPortalCoreEndpoints();
app.MapPortalEndpoints();
app.MapAgreementEndpoints();
app.MapDpaEndpoints();
app.MapSoc2Endpoints();
app.MapAttestationEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
