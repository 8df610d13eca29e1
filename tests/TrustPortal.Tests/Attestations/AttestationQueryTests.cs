using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Attestations;

/// <summary>The matrix query filters and pages in SQL, not in memory: read the SQL it sends.</summary>
public sealed class AttestationQueryTests : IDisposable
{
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly AppDbContext db;

    public AttestationQueryTests()
    {
        connection.Open();
        SearchText.SqliteFunctions.Register(connection);
        db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options);
    }

    [Fact]
    public void Page_WithFrameworkStatusSearchAndPage_FiltersAndPagesInSql()
    {
        var sql = AttestationService.Page(db, new AttestationQuery(ComplianceFramework.Gdpr, AttestationStatus.Superseded, NeedsAction: true,
            Search: "Acme", Page: 2, PageSize: 25)).ToQueryString();

        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("\"portal_like\"(\"o\".\"Name\", @pattern)", sql, StringComparison.Ordinal);
        Assert.Contains(".param set @framework 'Gdpr'", sql, StringComparison.Ordinal);
        Assert.Contains("\"Framework\" = @framework", sql, StringComparison.Ordinal);
        Assert.Contains(".param set @status 'Superseded'", sql, StringComparison.Ordinal);
        Assert.Contains("\"Status\" = @status", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"o\".\"Name\"", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT @p", sql, StringComparison.Ordinal);
        Assert.Contains("OFFSET @p", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_NotStarted_SelectsOrganizationsWithoutThatAttestation()
    {
        var sql = AttestationService.Filter(db, new AttestationQuery(ComplianceFramework.Hipaa, AttestationStatus.NotStarted)).ToQueryString();

        Assert.Contains("NOT EXISTS", sql, StringComparison.Ordinal);
        Assert.Contains(".param set @framework 'Hipaa'", sql, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }
}
