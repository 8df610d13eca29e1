using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Data.Demo;

/// <summary>Fills an empty database with the demo vendor's content, organizations and one user per role.</summary>
public sealed class DemoSeeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    AuditTrail audit,
    DpaService dpa,
    Features.Answers.Questionnaires.QuestionnaireService questionnaires,
    TimeProvider clock,
    IOptions<DemoOptions> options,
    ILogger<DemoSeeder> logger)
{
    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("admin@trustportal.local", "Avery Admin", null, [Roles.Admin], "Head of Trust"),
        new("legal@trustportal.local", "Lee Legal", null, [Roles.Legal], "General Counsel"),
        new("sales@trustportal.local", "Sam Sales", null, [Roles.Sales], "Account Executive"),
        new("customer@acme.example", "Casey Customer", "Acme Corporation", [Roles.Customer], "Chief Operating Officer"),
        new("customer@globex.example", "Gale Globex", "Globex Inc.", [Roles.Customer], "Head of Procurement"),
    ];

    private static readonly string[] OtherOrganizations = ["Initech LLC", "Umbrella Health", "Stark Analytics"];

    public async Task SeedAsync()
    {
        var password = options.Value.Password;
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException("Demo:Seed is on but Demo:Password is empty.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.ContentVersions.AnyAsync())
        {
            SeedTrustCenter(now);
        }
        await DemoSoc2Report.SeedAsync(db, clock);

        var organizations = await db.Organizations.ToDictionaryAsync(o => o.Name);
        foreach (var name in Users.Select(u => u.Organization).OfType<string>().Concat(OtherOrganizations))
        {
            if (!organizations.ContainsKey(name))
            {
                organizations[name] = db.Organizations.Add(new Organization { Name = name, CreatedAtUtc = now }).Entity;
            }
        }
        await db.SaveChangesAsync();

        foreach (var demo in Users)
        {
            await EnsureUserAsync(demo, password, demo.Organization is null ? null : organizations[demo.Organization].Id);
        }
        await SeedAgreementsAsync(organizations["Acme Corporation"].Id);
        var legal = await users.FindByEmailAsync("legal@trustportal.local") ?? throw new InvalidOperationException("The demo Legal user is missing.");
        await DemoDocuments.SeedAsync(db, legal.Id, now);
        if (!await db.Answers.AnyAsync())
        {
            DemoAnswers.Add(db, now);
            await db.SaveChangesAsync();
            await DemoAnswers.AddQuestionnaireAsync(questionnaires);
        }
        if (!await db.BaaRequests.AnyAsync())
        {
            var sales = await users.FindByEmailAsync("sales@trustportal.local") ?? throw new InvalidOperationException("The demo Sales user is missing.");
            foreach (var organizationId in DemoBaaRequests.Add(db, audit, organizations.ToDictionary(o => o.Key, o => o.Value.Id), sales, now))
            {
                await AttestationLedger.MarkRequestedAsync(db, audit, AuditActor.System, organizationId, ComplianceFramework.Hipaa, now);
            }
            await db.SaveChangesAsync();
        }
        logger.LogInformation("Demo data ready. Sign in with any of these accounts and the password from Demo:Password:{Accounts}\n"
            + "Staff accounts also need an authenticator code: add the key {Key} (Demo:AuthenticatorKey) to an authenticator app.",
            string.Concat(Users.Select(u => $"\n  {u.Email,-28} {string.Join(", ", u.Roles)}{(u.Organization is null ? "" : $" ({u.Organization})")}")),
            options.Value.AuthenticatorKey);
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roleManager)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private void SeedTrustCenter(DateTime now)
    {
        var sections = DemoContent.CommitmentSections();
        db.ContentVersions.Add(new ContentVersion
        {
            Number = 1,
            EffectiveDate = new DateOnly(2026, 1, 15),
            PublishedAtUtc = now,
            PublishedBy = "demo seed",
            ChangeSummary = "First published version of our API data-privacy commitments.",
            Sha256 = ContentHash.Compute(sections),
            Sections = sections,
        });
        db.Certifications.AddRange(DemoContent.Certifications());
        // The demo list as its first published version, so the admin page shows no drafts and the history has a start.
        var subprocessors = DemoContent.Subprocessors();
        db.Subprocessors.AddRange(subprocessors);
        db.SubprocessorListVersions.Add(new SubprocessorListVersion
        {
            Number = 1,
            PublishedAtUtc = now,
            PublishedBy = "demo seed",
            ChangeSummary = "First published list of our subprocessors.",
            Sha256 = Features.Agreements.FrozenTerms.HashSubprocessors(subprocessors),
            ObjectionDeadline = DateOnly.FromDateTime(now),
            Changes = subprocessors.Select(s => new SubprocessorChange
            {
                Kind = SubprocessorChangeKind.Added, Subprocessor = s, Name = s.Name, Purpose = s.Purpose, Location = s.Location,
                DataCategories = s.DataCategories, Website = s.Website, SavedAtUtc = now, SavedBy = "demo seed", EffectiveOn = s.AddedOn,
            }).ToList(),
        });
        DemoUpdates.Add(db, now, 1, string.Join("\n", subprocessors.Select(s => $"- Added {s.Name} ({s.Purpose}, {s.Location})")));
        audit.Record(db, AuditActor.System, "content.published", nameof(ContentVersion), "1", new { Note = "demo seed" });
    }

    private async Task SeedAgreementsAsync(Guid acmeId)
    {
        if (await db.Agreements.AnyAsync(a => a.OrganizationId == acmeId))
        {
            return;
        }
        var signer = await users.FindByEmailAsync("customer@acme.example");
        var result = await dpa.ExecuteCoreAsync(acmeId, DemoAgreements.AcmeDraft(), DemoAgreements.AcmeSignature(),
            new Signer(signer?.Id, signer?.Email, "127.0.0.1", "TrustPortal demo seed"), link: null, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo DPA was refused: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
        }
    }

    private async Task EnsureUserAsync(DemoUser demo, string password, Guid? organizationId)
    {
        if (await users.FindByEmailAsync(demo.Email) is { } existing)
        {
            // Demo databases made before staff had titles get them once; a title someone set is kept.
            if (existing.JobTitle is null && demo.JobTitle is not null)
            {
                existing.JobTitle = demo.JobTitle;
                await users.UpdateAsync(existing);
            }
            return;
        }
        var user = new ApplicationUser
        {
            UserName = demo.Email,
            Email = demo.Email,
            EmailConfirmed = true,
            DisplayName = demo.DisplayName,
            JobTitle = demo.JobTitle,
            OrganizationId = organizationId,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {demo.Email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRolesAsync(user, demo.Roles);
        if (demo.Roles.Any(Roles.Staff.Contains) && !string.IsNullOrWhiteSpace(options.Value.AuthenticatorKey))
        {
            // Staff sign in with a second factor; the demo staff share a fixed key so demos and tests can compute codes.
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", options.Value.AuthenticatorKey);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
    }
}

public sealed record DemoUser(string Email, string DisplayName, string? Organization, string[] Roles, string? JobTitle = null);
