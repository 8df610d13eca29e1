using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Agreements;

/// <summary>
/// The library's queries as SQLite receives them: filtering, ordering and paging must be in the SQL, not done in
/// memory after loading every agreement. Runs the queries too, on a small in-memory database.
/// </summary>
public sealed class AgreementLibraryQueryTests : IDisposable
{
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly AppDbContext db;

    public AgreementLibraryQueryTests()
    {
        connection.Open();
        SearchText.SqliteFunctions.Register(connection);
        db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options);
        db.Database.EnsureCreated();
    }

    [Fact]
    public void BuildPageQuery_EveryFilter_IsAWhereClauseWithLimitAndOffset()
    {
        var filter = new AgreementFilter
        {
            Kind = AgreementKind.Dpa,
            Organization = "Acme",
            TemplateVersion = 2,
            ExecutedFrom = new DateOnly(2026, 1, 1),
            ExecutedTo = new DateOnly(2026, 6, 30),
            Statuses = [AgreementStatus.Executed, AgreementStatus.Voided],
            Search = "dpa-2026",
        };

        var sql = AgreementLibrary.BuildPageQuery(db, filter, new AgreementSort(AgreementSortColumn.Organization, Descending: false), page: 2, pageSize: 25)
            .ToQueryString();

        var where = sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
        Assert.Contains("\"a\".\"Kind\" = @", where, StringComparison.Ordinal);
        Assert.Contains("\"a\".\"TemplateVersion\" = @", where, StringComparison.Ordinal);
        Assert.Contains("\"a\".\"ExecutedAtUtc\" >= @", where, StringComparison.Ordinal);
        Assert.Contains("\"a\".\"ExecutedAtUtc\" < @", where, StringComparison.Ordinal);
        Assert.Contains("\"a\".\"Status\" IN (@", where, StringComparison.Ordinal);
        Assert.Contains("instr(lower(\"o\".\"Name\"), @", where, StringComparison.Ordinal);
        Assert.Contains("instr(lower(\"a\".\"Customer_LegalName\"), @", where, StringComparison.Ordinal);
        Assert.Contains("instr(\"a\".\"Number\", @", where, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"o\".\"Name\", \"a\".\"Number\"", sql, StringComparison.Ordinal);
        Assert.Matches(@"LIMIT @\w+ OFFSET @\w+", sql);
        Assert.DoesNotContain("Content", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AgreementSortColumn.Number, false, "ORDER BY \"a\".\"Number\"")]
    [InlineData(AgreementSortColumn.Number, true, "ORDER BY \"a\".\"Number\" DESC")]
    [InlineData(AgreementSortColumn.Kind, false, "ORDER BY \"a\".\"Kind\", \"a\".\"ExecutedAtUtc\" DESC")]
    [InlineData(AgreementSortColumn.Status, true, "ORDER BY \"a\".\"Status\" DESC")]
    [InlineData(AgreementSortColumn.ExecutedAt, true, "ORDER BY \"a\".\"ExecutedAtUtc\" DESC, \"a\".\"Number\" DESC")]
    [InlineData(AgreementSortColumn.Organization, true, "ORDER BY \"o\".\"Name\" DESC")]
    public void BuildPageQuery_EachSort_IsAnOrderByInSql(AgreementSortColumn column, bool descending, string expected)
    {
        var sql = AgreementLibrary.BuildPageQuery(db, AgreementFilter.None, new AgreementSort(column, descending), 0, 10).ToQueryString();

        Assert.Contains(expected, sql, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildPageQuery_NoFilter_HasNoWhereClause()
    {
        var sql = AgreementLibrary.BuildPageQuery(db, AgreementFilter.None, AgreementSort.Default, 0, 10).ToQueryString();

        Assert.DoesNotContain("WHERE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildPageQuery_Run_FiltersCaseInsensitivelyAndPages()
    {
        var acme = Organization("Acme Corporation");
        var globex = Organization("Globex");
        Add(acme, AgreementKind.Dpa, 1, new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc), AgreementStatus.Superseded);
        Add(acme, AgreementKind.Dpa, 2, new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc), AgreementStatus.Executed);
        Add(acme, AgreementKind.Baa, 3, new DateTime(2026, 3, 31, 23, 59, 0, DateTimeKind.Utc), AgreementStatus.Executed);
        Add(globex, AgreementKind.Dpa, 4, new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), AgreementStatus.Voided);
        await db.SaveChangesAsync();

        var acmeOnly = await Run(new AgreementFilter { Organization = "ACME corp" });
        var march = await Run(new AgreementFilter { ExecutedFrom = new DateOnly(2026, 3, 1), ExecutedTo = new DateOnly(2026, 3, 31) });
        var byNumber = await Run(new AgreementFilter { Search = "dpa-2026-000004" });
        var inForce = await Run(new AgreementFilter { Kind = AgreementKind.Dpa, Statuses = [AgreementStatus.Executed, AgreementStatus.Superseded] });
        var secondPage = await AgreementLibrary.BuildPageQuery(db, AgreementFilter.None, new AgreementSort(AgreementSortColumn.Number, false), 1, 3).ToListAsync();

        Assert.Equal(["BAA-2026-000003", "DPA-2026-000001", "DPA-2026-000002"], acmeOnly);
        Assert.Equal(["BAA-2026-000003", "DPA-2026-000002"], march);
        Assert.Equal(["DPA-2026-000004"], byNumber);
        Assert.Equal(["DPA-2026-000001", "DPA-2026-000002"], inForce);
        Assert.Equal("DPA-2026-000004", Assert.Single(secondPage).Number);
    }

    [Fact]
    public async Task NextBatch_AfterCursor_ContinuesByTimeThenNumberWithoutRepeats()
    {
        var acme = Organization("Acme Corporation");
        var sameTime = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= AgreementExport.BatchSize + 5; i++)
        {
            Add(acme, AgreementKind.Dpa, i, i % 2 == 0 ? sameTime : sameTime.AddMinutes(i), AgreementStatus.Executed);
        }
        await db.SaveChangesAsync();
        var plan = new AgreementExportPlan(Guid.NewGuid(), AgreementFilter.None, sameTime.AddDays(1), 0, 0, "x.zip");

        var first = await AgreementExport.NextBatch(db, plan, null).ToListAsync();
        var second = await AgreementExport.NextBatch(db, plan, new ExportCursor(first[^1].ExecutedAtUtc, first[^1].Number)).ToListAsync();

        Assert.Equal(AgreementExport.BatchSize, first.Count);
        Assert.Equal(5, second.Count);
        Assert.Equal(AgreementExport.BatchSize + 5, first.Concat(second).Select(i => i.Number).Distinct().Count());
        var sql = AgreementExport.NextBatch(db, plan, new ExportCursor(sameTime, "DPA-2026-000001")).ToQueryString();
        Assert.Contains("\"a\".\"Number\" > @", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"a\".\"ExecutedAtUtc\", \"a\".\"Number\"", sql, StringComparison.Ordinal);
        Assert.Matches(@"LIMIT @\w+", sql);
        Assert.DoesNotContain("Content", sql, StringComparison.Ordinal);
    }

    private Task<List<string>> Run(AgreementFilter filter) =>
        AgreementLibrary.BuildPageQuery(db, filter, new AgreementSort(AgreementSortColumn.Number, false), 0, 100).Select(r => r.Number).ToListAsync();

    private Organization Organization(string name)
    {
        var organization = new Organization { Name = name };
        db.Organizations.Add(organization);
        return organization;
    }

    private AgreementTemplate? template;

    private void Add(Organization organization, AgreementKind kind, int sequence, DateTime executedAtUtc, AgreementStatus status)
    {
        template ??= db.AgreementTemplates.Add(new AgreementTemplate { Kind = AgreementKind.Dpa, Version = 1, Title = "DPA", Body = "", Sha256 = "" }).Entity;
        db.Agreements.Add(new Agreement
        {
            Number = AgreementNumbers.Format(kind, 2026, sequence),
            Kind = kind,
            Year = 2026,
            Sequence = sequence,
            Status = status,
            OrganizationId = organization.Id,
            TemplateId = template.Id,
            TemplateVersion = 1,
            Customer = new PartyDetails { LegalName = organization.Name + " Ltd" },
            ExecutedAtUtc = executedAtUtc,
        });
    }

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }
}
