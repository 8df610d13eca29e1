namespace TrustPortal.Web.Features.Organizations;

public static class OrganizationsRegistration
{
    public static void AddOrganizations(this IHostApplicationBuilder builder) =>
        builder.Services.AddScoped<OrganizationService>();
}
