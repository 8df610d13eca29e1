using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.IntegrationTests.TrustCenter;

/// <summary>/llms.txt and /trust-center.json: the published trust center for programs, anonymous and kept fresh.</summary>
public sealed class MachineReadableTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@trustportal.local";

    [Fact]
    public async Task LlmsTxt_Anonymous_IsMarkdownWithThePublishedFacts()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/llms.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# ", text, StringComparison.Ordinal);
        var (commitments, certifications, subprocessors) = await PublishedAsync();
        Assert.Contains($"Version {commitments.Number}, effective {commitments.EffectiveDate:yyyy-MM-dd}", text, StringComparison.Ordinal);
        Assert.All(commitments.Sections, s => Assert.Contains($"### {s.Title}", text, StringComparison.Ordinal));
        foreach (var certification in certifications)
        {
            Assert.Contains($"**{certification.Name}**", text, StringComparison.Ordinal);
            if (certification.PeriodStart is { } start && certification.PeriodEnd is { } end)
            {
                Assert.Contains($"Audit period {start:yyyy-MM-dd} to {end:yyyy-MM-dd}", text, StringComparison.Ordinal);
            }
        }
        Assert.Contains(certifications, c => c.PeriodStart is not null);
        Assert.All(subprocessors, s => Assert.Contains($"**{s.Name}**", text, StringComparison.Ordinal));
        var home = portal.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains($"[SOC 2 Type 2 report]({home}/soc2)", text, StringComparison.Ordinal);
        Assert.Contains("click-through NDA", text, StringComparison.Ordinal);
        Assert.Contains($"[Data Processing Addendum (DPA)]({home}/dpa/new)", text, StringComparison.Ordinal);
        Assert.Contains("Self-serve", text, StringComparison.Ordinal);
        Assert.Contains($"[Business Associate Agreement (BAA)]({home}/baa/new)", text, StringComparison.Ordinal);
        Assert.Contains("By request", text, StringComparison.Ordinal);
        Assert.Contains($"{home}/trust-center.json", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_Anonymous_HasTheDocumentedShapeAndThePublishedFacts()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/trust-center.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var (commitments, certifications, subprocessors) = await PublishedAsync();
        Assert.Equal(1, json.GetProperty("schemaVersion").GetInt32());
        Assert.True(json.GetProperty("version").GetInt64() >= 0);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", json.GetProperty("updatedAt").GetString());
        var published = json.GetProperty("commitments");
        Assert.Equal(commitments.Number, published.GetProperty("version").GetInt32());
        Assert.Equal(Iso(commitments.EffectiveDate), published.GetProperty("effectiveDate").GetString());
        Assert.EndsWith("Z", published.GetProperty("publishedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(commitments.Sha256, published.GetProperty("sha256").GetString());
        Assert.Equal(commitments.Sections.OrderBy(s => s.Order).Select(s => s.BodyMarkdown),
            published.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("bodyMarkdown").GetString()));
        var frameworks = json.GetProperty("frameworks").EnumerateArray().ToList();
        Assert.Equal(certifications.Select(c => c.Name), frameworks.Select(f => f.GetProperty("name").GetString()));
        var soc2 = frameworks.Single(f => f.GetProperty("framework").GetString() == "soc2Type2");
        var soc2Row = certifications.Single(c => c.Framework == Web.Shared.ComplianceFramework.Soc2Type2);
        Assert.Equal(Iso(soc2Row.PeriodStart!.Value), soc2.GetProperty("auditPeriod").GetProperty("start").GetString());
        Assert.Equal(Iso(soc2Row.PeriodEnd!.Value), soc2.GetProperty("auditPeriod").GetProperty("end").GetString());
        Assert.Equal(soc2Row.Status.ToString()[..1].ToLowerInvariant() + soc2Row.Status.ToString()[1..], soc2.GetProperty("status").GetString());
        Assert.Equal(subprocessors.Select(s => s.Name).Order(StringComparer.Ordinal),
            json.GetProperty("subprocessors").GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var documents = json.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("access").GetString()!, d => d);
        Assert.Equal(["reviewedRequest", "selfServe", "signInAndNda"], documents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["GDPR", "CCPA"], documents["selfServe"].GetProperty("covers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(new Uri(portal.BaseAddress, "/soc2").ToString(), documents["signInAndNda"].GetProperty("url").GetString());
        Assert.Equal(new Uri(portal.BaseAddress, "/trust-center.json").ToString(), json.GetProperty("links").GetProperty("json").GetString());
    }

    [Fact]
    public async Task BothDocuments_AfterStaffPublishChanges_ShowThemAtOnce()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var textBefore = await TextAsync(client, "/llms.txt");
        var jsonBefore = JsonDocument.Parse(await TextAsync(client, "/trust-center.json")).RootElement;
        const string sentence = "Machine readable test: we keep no quokka logs.";
        const string howTo = "Machine readable test: ask your account manager for the wombat letter.";
        var processor = $"Quokka Cloud {Guid.NewGuid():N}"[..24];

        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin)))
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
            var draft = await content.GetDraftAsync();
            draft.Sections[0].BodyMarkdown += "\n\n" + sentence;
            Assert.True((await content.SaveDraftAsync(draft.Sections)).Succeeded);
            Assert.True((await content.PublishAsync("Adds a sentence for the machine-readable test.", new DateOnly(2027, 3, 1))).Succeeded);

            var certifications = scope.ServiceProvider.GetRequiredService<CertificationAdminService>();
            var input = CertificationInput.From((await certifications.ListAsync()).First(c => c.Framework == Web.Shared.ComplianceFramework.Hipaa));
            input.HowToObtain = howTo;
            Assert.True((await certifications.SaveAsync(input)).Succeeded);

            var subprocessors = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();
            Assert.True((await subprocessors.SaveAsync(new SubprocessorInput
            {
                Name = processor, Purpose = "Testing machine-readable feeds", Location = "European Union", DataCategories = "Account data",
            })).Succeeded);
            Assert.True((await subprocessors.PublishAsync("Adds a processor for the machine-readable test.")).Succeeded);
        }

        var text = await TextAsync(client, "/llms.txt");
        var json = JsonDocument.Parse(await TextAsync(client, "/trust-center.json")).RootElement;
        foreach (var expected in new[] { sentence, howTo, processor, "effective 2027-03-01" })
        {
            Assert.DoesNotContain(expected, textBefore, StringComparison.Ordinal);
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.True(json.GetProperty("version").GetInt64() > jsonBefore.GetProperty("version").GetInt64());
        Assert.Contains(sentence, json.GetProperty("commitments").GetProperty("sections")[0].GetProperty("bodyMarkdown").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("frameworks").EnumerateArray(), f => f.GetProperty("howToObtain").GetString() == howTo);
        Assert.Contains(json.GetProperty("subprocessors").GetProperty("items").EnumerateArray(), s => s.GetProperty("name").GetString() == processor);
        Assert.True(json.GetProperty("updatedAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task BothDocuments_WhenAnotherInstancePublishes_AreNotServedStaleFromThisInstancesCache()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await TextAsync(client, "/llms.txt");
        await TextAsync(client, "/trust-center.json");
        const string summary = "Machine readable test: changed by another instance.";

        // What another instance's publish leaves behind: the row changed and the content version moved on, with this
        // instance's cache never evicted.
        await using (var db = portal.CreateDbContext())
        {
            var certification = await db.Certifications.OrderBy(c => c.Order).FirstAsync();
            certification.Summary = summary;
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await DatabaseCounters.NextAsync(db, "trust-center-content-version", () => Task.FromResult(0L));
            await transaction.CommitAsync();
        }

        Assert.Contains(summary, await TextAsync(client, "/llms.txt"), StringComparison.Ordinal);
        Assert.Contains(summary, await TextAsync(client, "/trust-center.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothDocuments_ListTheDocumentLibrary_AndANewDocumentIsNotServedStale()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var llms = await TextAsync(client, "/llms.txt");
        await using (var db = portal.CreateDbContext())
        {
            foreach (var document in await db.TrustDocuments.AsNoTracking().Where(d => d.ArchivedAtUtc == null).ToListAsync())
            {
                Assert.Contains($"[{document.Title}]({new Uri(portal.BaseAddress, $"/documents/{document.Id}")})", llms, StringComparison.Ordinal);
            }
        }
        var json = JsonDocument.Parse(await TextAsync(client, "/trust-center.json")).RootElement;
        var library = json.GetProperty("library").EnumerateArray().ToList();
        Assert.Contains(library, d => d.GetProperty("visibility").GetString() == "Under NDA" && d.GetProperty("howToGet").GetString()!.Contains("NDA", StringComparison.Ordinal));

        // Another instance publishes a document: this instance's cached summaries must not hide it.
        var title = $"Library test {Guid.NewGuid():N}";
        await using (var db = portal.CreateDbContext())
        {
            var template = await db.TrustDocuments.AsNoTracking().FirstAsync();
            db.TrustDocuments.Add(new Web.Features.Documents.TrustDocument
            {
                Title = title, Visibility = Web.Features.Documents.DocumentVisibility.Public, FileName = "x.pdf", Content = template.Content,
                Sha256 = template.Sha256, SizeBytes = template.SizeBytes, OwnerUserId = template.OwnerUserId, ExpiresOn = new DateOnly(2099, 1, 1),
                PublishedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow, UpdatedBy = "another instance",
            });
            await db.SaveChangesAsync();
        }
        Assert.Contains(title, await TextAsync(client, "/llms.txt"), StringComparison.Ordinal);
        Assert.Contains(title, await TextAsync(client, "/trust-center.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothDocuments_ListTheFaqsPublicAnswersOnly_AndANewAnswerIsNotServedStale()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await using (var db = portal.CreateDbContext())
        {
            db.Answers.Add(new Web.Features.Answers.Answer
            {
                Question = $"Customers only {Guid.NewGuid():N}?", Body = "Only for signed-in customers.",
                Visibility = Web.Features.Answers.AnswerVisibility.CustomersOnly, UpdatedAtUtc = DateTime.UtcNow, UpdatedBy = "test",
            });
            await db.SaveChangesAsync();
        }
        var llms = await TextAsync(client, "/llms.txt");
        var json = JsonDocument.Parse(await TextAsync(client, "/trust-center.json")).RootElement;
        var faq = json.GetProperty("faq").EnumerateArray().Select(e => e.GetProperty("question").GetString()).ToList();
        await using (var db = portal.CreateDbContext())
        {
            var answers = await db.Answers.AsNoTracking().ToListAsync();
            var publicAnswers = answers.Where(a => a.Visibility == Web.Features.Answers.AnswerVisibility.Public).ToList();
            Assert.NotEmpty(publicAnswers);
            Assert.All(publicAnswers, a => Assert.Contains($"### {a.Question}\n", llms, StringComparison.Ordinal));
            Assert.All(publicAnswers, a => Assert.Contains($"/faq#faq-{a.Id}", llms, StringComparison.Ordinal));
            Assert.Equal(publicAnswers.Select(a => a.Question).Order(StringComparer.Ordinal), faq.Order(StringComparer.Ordinal));
            Assert.All(answers.Where(a => a.Visibility != Web.Features.Answers.AnswerVisibility.Public), a =>
            {
                Assert.DoesNotContain(a.Question, llms, StringComparison.Ordinal);
                Assert.DoesNotContain(a.Question, faq);
            });
        }

        // Another instance adds a public answer: this instance's cached summaries must not hide it.
        var question = $"Public question {Guid.NewGuid():N}?";
        await using (var db = portal.CreateDbContext())
        {
            db.Answers.Add(new Web.Features.Answers.Answer
            {
                Question = question, Body = "A public answer.", Visibility = Web.Features.Answers.AnswerVisibility.Public,
                UpdatedAtUtc = DateTime.UtcNow, UpdatedBy = "another instance",
            });
            await db.SaveChangesAsync();
        }
        Assert.Contains($"### {question}", await TextAsync(client, "/llms.txt"), StringComparison.Ordinal);
        Assert.Contains(question, await TextAsync(client, "/trust-center.json"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/llms.txt", "text/markdown")]
    [InlineData("/trust-center.json", "application/json")]
    public async Task Head_AnswersWithTheContentTypeAndNoBody(string url, string mediaType)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PublicPages_LinkBothDocuments()
    {
        using var client = new PortalClient(portal.BaseAddress);

        var page = await client.GetDocumentAsync("/compliance");

        Assert.NotNull(page.QuerySelector("head link[rel=alternate][type='text/markdown'][href='/llms.txt']"));
        Assert.NotNull(page.QuerySelector("head link[rel=alternate][type='application/json'][href='/trust-center.json']"));
        Assert.NotNull(page.QuerySelector("footer a[href='/llms.txt']"));
        Assert.NotNull(page.QuerySelector("footer a[href='/trust-center.json']"));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> TextAsync(PortalClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(ContentVersion Commitments, List<Certification> Certifications, List<Subprocessor> Subprocessors)> PublishedAsync()
    {
        await using var db = portal.CreateDbContext();
        var commitments = await db.ContentVersions.Include(v => v.Sections).OrderByDescending(v => v.Number).FirstAsync();
        var certifications = await db.Certifications.OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync();
        var subprocessors = await db.Subprocessors.Where(s => s.RemovedOn == null).ToListAsync();
        return (commitments, certifications, subprocessors);
    }
}
