using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// The OpenAPI document <c>/openapi/v1.json</c>: every <c>/api/v1</c> route and nothing else, the bearer scheme, and on
/// each operation the scope it needs.
/// </summary>
public static class ApiOpenApi
{
    public const string DocumentName = "v1";
    public const string SecuritySchemeName = "bearer";
    public const string DocumentPattern = "/openapi/{documentName}.json";

    public static void AddApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TrustPortal API",
                    Version = "v1",
                    Description = "Read-only access to agreements, organizations, attestations, requests, elections and the audit trail. "
                        + "Authenticate with 'Authorization: Bearer tp_…' (create a token on your API tokens page). Lists return "
                        + "{ items, nextCursor }: pass nextCursor back as cursor until it is null. Errors are RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "tp_ followed by 43 characters",
                    Description = "An API token. Each operation names the scope it needs; without it the answer is 403.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiScopeMetadata>().FirstOrDefault()?.Scope;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = scope is null ? [] : [scope],
                });
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or it is unknown, expired or revoked." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token lacks the scope '{scope}'." });
                operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests for this token; see Retry-After." });
                return Task.CompletedTask;
            });
        });
}
