using TrustPortal.Web.Components;
using TrustPortal.Web.Data.Demo;
using TrustPortal.Web.Features.Admin;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Answers;
using TrustPortal.Web.Features.Api;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataControls;
using TrustPortal.Web.Features.DataRetention;
using TrustPortal.Web.Features.Documents;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.Portal;
using TrustPortal.Web.Features.Requests;
using TrustPortal.Web.Features.SignIn;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;
using TrustPortal.Web.Features.Webhooks;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Infrastructure.Timestamps;
using TrustPortal.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalCore();
builder.AddDatabase();
builder.AddTimestampAuthorities();
builder.AddPortalIdentity();
builder.AddSignIn();
builder.AddPortalRateLimiting();
builder.AddAudit();
builder.AddEmail();
builder.AddWebhooks();
builder.AddTrustCenter();
builder.AddContentAdmin();
builder.AddAdministration();
builder.AddOrganizations();
builder.AddAgreements();
builder.AddDpa();
builder.AddBaa();
builder.AddSoc2();
builder.AddAttestations();
builder.AddDataControls();
builder.AddDataRetention();
builder.AddApi();
builder.AddRequests();
builder.AddDocuments();
builder.AddAnswers();
builder.AddDemoData();

var app = builder.Build();

// "backup <file>" copies the SQLite database as it is, never migrating it first.
if (await DatabaseBackup.TryRunAsync(app, args))
{
    return;
}
// "migrate" prepares the database once for every instance (migrations, audit chain, templates) and exits. Instances
// started with Database:MigrateOnStartup=false then never race each other on an empty database.
if (args is ["migrate", ..])
{
    await PrepareDatabaseAsync(app);
    Console.WriteLine("The database is migrated and seeded.");
    return;
}
if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await PrepareDatabaseAsync(app);
}
await app.SeedDemoDataAsync();

// First, so that it also covers the token lookup and every middleware after it.
app.UseApiErrors();
app.UsePortalPipeline();
app.MapPortalCoreEndpoints();
app.MapPortalEndpoints();
app.MapTrustCenterEndpoints();
app.MapAgreementEndpoints();
app.MapDpaEndpoints();
app.MapSoc2Endpoints();
app.MapAttestationEndpoints();
app.MapApiEndpoints();
app.MapRequestEndpoints();
app.MapDocumentEndpoints();
app.MapAnswerEndpoints();

app.Run();

// Migrations, then what every installation needs once: the audit chain adopted and the shipped templates.
static async Task PrepareDatabaseAsync(WebApplication app)
{
    await app.MigrateDatabaseAsync();
    await app.AdoptAuditChainAsync();
    await app.SeedAgreementTemplatesAsync();
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
