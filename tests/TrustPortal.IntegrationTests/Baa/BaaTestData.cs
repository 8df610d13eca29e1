using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Baa;

/// <summary>
/// Fresh organizations, users and BAA requests for review tests. Each organization may have one open request, and the
/// demo seed already has some, so every test registers its own organizations under a unique tag it can search for.
/// </summary>
internal static class BaaTestData
{
    public const string Sales = "sales@trustportal.local";
    public const string Acme = "customer@acme.example";

    /// <summary>A short tag unique to one test, used in organization names so queue searches see only that test's rows.</summary>
    public static string NewTag() => $"T{Guid.NewGuid():N}"[..9];

    /// <summary>Registers an organization with one confirmed customer user, as onboarding would; returns the user's email.</summary>
    public static async Task<string> CreateCustomerAsync(PortalFactory portal, string organizationName)
    {
        Guid organizationId;
        await using (var db = portal.CreateDbContext())
        {
            var organization = db.Organizations.Add(new Organization { Name = organizationName, CreatedAtUtc = DateTime.UtcNow }).Entity;
            await db.SaveChangesAsync();
            organizationId = organization.Id;
        }
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await CreateUserAsync(portal, email, $"{organizationName} Customer", Roles.Customer, organizationId);
        return email;
    }

    /// <summary>A second member of staff, e.g. another Sales reviewer deciding at the same time.</summary>
    public static async Task<string> CreateStaffAsync(PortalFactory portal, string displayName, string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@trustportal.local";
        await CreateUserAsync(portal, email, displayName, role, organizationId: null);
        // Staff rights count only with the second factor, so a new staff member has an authenticator, as in real use.
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TrustPortal.Web.Data.ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", PortalFactory.DemoAuthenticatorKey);
        await users.SetTwoFactorEnabledAsync(user, true);
        return email;
    }

    public static BaaUseCase UseCase(PortalFactory portal, string legalName, bool zeroDataRetention = false) => new()
    {
        LegalName = legalName,
        Address = "1 Test Street\nSpringfield",
        Country = "United States",
        Role = CoveredEntityRole.CoveredEntity,
        Services = [portal.Services.GetRequiredService<IOptions<BaaOptions>>().Value.Services[0]],
        PhiKinds = [BaaChoices.PhiKinds[2]],
        Volume = MonthlyVolume.UpTo10k,
        ZeroDataRetention = zeroDataRetention,
        PhiFlow = "Our backend sends visit notes to draft discharge summaries.",
        Safeguards = [BaaChoices.Safeguards[0]],
        GoLive = DateTime.UtcNow.AddDays(30),
        ContactName = "Pat Tester",
        ContactEmail = "pat@example.test",
    };

    /// <summary>A new organization and its submitted request; the organization's name starts with <paramref name="organizationName"/>.</summary>
    public static async Task<(Guid Id, string CustomerEmail)> SubmitNewAsync(PortalFactory portal, string organizationName, bool zeroDataRetention = false,
        Action<BaaUseCase>? change = null)
    {
        var email = await CreateCustomerAsync(portal, organizationName);
        var useCase = UseCase(portal, $"{organizationName} Legal Inc.", zeroDataRetention);
        change?.Invoke(useCase);
        var result = await AsAsync<BaaCustomerService, BaaResult>(portal, email, s => s.SubmitAsync(useCase));
        Assert.True(result.Succeeded, result.Message);
        return (result.Id!.Value, email);
    }

    /// <summary>Calls a service as <paramref name="email"/> would, inside their own request.</summary>
    public static async Task<TResult> AsAsync<TService, TResult>(PortalFactory portal, string email, Func<TService, Task<TResult>> act) where TService : notnull
    {
        var user = await portal.PrincipalForAsync(email);
        await using var scope = portal.ScopeAs(user);
        return await act(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Calls the review service as Sales and asserts it succeeded.</summary>
    public static async Task ReviewAsync(PortalFactory portal, Func<BaaReviewService, Task<BaaResult>> act, string reviewer = Sales)
    {
        var result = await AsAsync(portal, reviewer, act);
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>Assigned to Sales, so it is in review and can be decided.</summary>
    public static async Task<Guid> InReviewAsync(PortalFactory portal, string organizationName, bool zeroDataRetention = false)
    {
        var (id, _) = await SubmitNewAsync(portal, organizationName, zeroDataRetention);
        await ReviewAsync(portal, s => s.AssignToMeAsync([id]));
        return id;
    }

    public static async Task<BaaRequest> LoadAsync(PortalFactory portal, Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.BaaRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public static async Task<Guid> VersionAsync(PortalFactory portal, Guid id) => (await LoadAsync(portal, id)).Version;

    public static string Ref(int reference) => $"BAA-R-{reference:0000}";

    private static async Task CreateUserAsync(PortalFactory portal, string email, string displayName, string role, Guid? organizationId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, OrganizationId = organizationId };
        var created = await users.CreateAsync(user, PortalFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var inRole = await users.AddToRoleAsync(user, role);
        Assert.True(inRole.Succeeded, string.Join(" ", inRole.Errors.Select(e => e.Description)));
    }
}
