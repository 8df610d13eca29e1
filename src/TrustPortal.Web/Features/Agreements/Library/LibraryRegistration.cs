namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>Legal's agreement library: services and endpoints. Already wired from AgreementsRegistration; fill these in.</summary>
public static class LibraryRegistration
{
    public static IServiceCollection AddAgreementLibrary(this IServiceCollection services) => services;

    public static void MapAgreementLibraryEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
