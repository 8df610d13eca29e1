using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Api;

namespace TrustPortal.IntegrationTests.Api;

/// <summary>Makes the next database reads fail with the exception a test chooses.</summary>
public sealed class FailingReads : DbCommandInterceptor
{
    private volatile Exception? failure;

    public void FailWith(Exception? exception) => failure = exception;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        failure is { } exception ? throw exception : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
}

public sealed class FailingReadsPortal : PortalFactory
{
    public FailingReads Reads { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Reads));
    }
}

/// <summary>
/// An API call that fails on the server answers with a JSON problem, never the portal's HTML error page: 500 with a
/// reference and nothing of the exception, or 503 with Retry-After when the database stayed locked.
/// </summary>
public sealed class ApiErrorTests(FailingReadsPortal portal) : IClassFixture<FailingReadsPortal>
{
    [Fact]
    public async Task AnUnexpectedFailure_Is500Problem_WithAReference_AndNoInternals()
    {
        using var client = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AgreementsRead]));

        portal.Reads.FailWith(new InvalidOperationException("secret table layout"));
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync("/api/v1/agreements");
        }
        finally
        {
            portal.Reads.FailWith(null);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("secret table layout", body, StringComparison.Ordinal);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("reference").GetString()));
        }
        using var after = await client.GetAsync("/api/v1/agreements");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ALockedDatabase_Is503Problem_WithRetryAfter()
    {
        using var client = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AgreementsRead]));

        portal.Reads.FailWith(new SqliteException("database is locked", 5));
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync("/api/v1/agreements");
        }
        finally
        {
            portal.Reads.FailWith(null);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("nothing was changed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
