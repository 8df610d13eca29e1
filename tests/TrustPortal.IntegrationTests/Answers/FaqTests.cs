using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Answers;

namespace TrustPortal.IntegrationTests.Answers;

/// <summary>/faq: ranked full-text search, and Customers-only answers never shown to anonymous visitors.</summary>
public sealed class FaqTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string CustomersOnlyQuestion = "Who can access a model fine-tuned with our data?";
    private const string TrainingQuestion = "Do you train your models on the data we send through the API?";

    [Fact]
    public async Task Anonymous_SeesOnlyPublicAnswers_EvenWhenSearchingForACustomersOnlyOne()
    {
        await using var db = portal.CreateDbContext();
        var publicQuestions = await db.Answers.Where(a => a.Visibility == AnswerVisibility.Public).Select(a => a.Question).ToListAsync();
        var hidden = await db.Answers.Where(a => a.Visibility == AnswerVisibility.CustomersOnly).Select(a => new { a.Question, a.Body }).ToListAsync();
        Assert.NotEmpty(hidden);
        using var visitor = new PortalClient(portal.BaseAddress);

        var all = await visitor.GetDocumentAsync("/faq");
        Assert.Equal(publicQuestions.Order(StringComparer.Ordinal), Questions(all).Order(StringComparer.Ordinal));
        foreach (var url in new[] { "/faq?q=" + Uri.EscapeDataString(CustomersOnlyQuestion), "/faq?q=fine-tuned+access", "/faq?tag=fine-tuning", "/faq?q=deletion&tag=retention" })
        {
            var page = await visitor.GetDocumentAsync(url);
            var text = page.Body!.TextContent;
            foreach (var answer in hidden)
            {
                Assert.DoesNotContain(answer.Question, Questions(page));
                Assert.DoesNotContain(answer.Body[..40], text, StringComparison.Ordinal);
            }
        }
        Assert.DoesNotContain("Customers only", all.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInCustomer_SeesCustomersOnlyAnswers_InTheListAndInSearch()
    {
        using var customer = new PortalClient(portal.BaseAddress);
        await customer.SignInAsync("customer@globex.example", PortalFactory.DemoPassword);

        Assert.Contains(CustomersOnlyQuestion, Questions(await customer.GetDocumentAsync("/faq")));
        var search = Questions(await customer.GetDocumentAsync("/faq?q=" + Uri.EscapeDataString("who can access our fine-tuned model")));
        Assert.Equal(CustomersOnlyQuestion, search[0]);
    }

    [Theory]
    [InlineData("Do you train models on our API data?", TrainingQuestion)]
    [InlineData("HIPAA business associate", "Will you sign a Business Associate Agreement for HIPAA?")]
    [InlineData("soc 2 report", "Do you have a SOC 2 Type 2 report?")]
    [InlineData("GDPR DPA", "Are you GDPR compliant and will you sign a DPA?")]
    public async Task Search_RanksTheBestAnswerFirst(string query, string best)
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        var page = await visitor.GetDocumentAsync("/faq?q=" + Uri.EscapeDataString(query));

        var questions = Questions(page);
        Assert.Equal(best, questions[0]);
        Assert.Contains("best match first", page.QuerySelector(".faq-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagFilter_ShowsOnlyThatTag()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        var page = await visitor.GetDocumentAsync("/faq?tag=hipaa");

        Assert.Equal(["Will you sign a Business Associate Agreement for HIPAA?"], Questions(page));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("NEAR(a b")]
    [InlineData("train OR")]
    [InlineData("Question: train")]
    [InlineData("' OR 1=1 --")]
    [InlineData("!!! ??? ...")]
    [InlineData("the and of")]
    [InlineData("données personnelles 🚀 数据")]
    [InlineData("a & b | !c <-> d:*")]
    public async Task OddQueries_AreAnsweredWithoutError(string query)
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        using var response = await visitor.GetAsync("/faq?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AVeryLongQuery_IsAnsweredWithoutError_AndStillRanks()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        var query = "train models API data " + string.Join(' ', Enumerable.Range(0, 500).Select(i => $"w{i}"));
        Assert.True(query.Length > SearchWords.MaxInputLength);
        var page = await visitor.GetDocumentAsync("/faq?q=" + Uri.EscapeDataString(query));

        Assert.Equal(TrainingQuestion, Questions(page)[0]);
    }

    [Fact]
    public async Task StaffEdits_AreSearchableAtOnce_Audited_AndRefusedToCustomers()
    {
        var marker = "zebracorn" + Guid.NewGuid().ToString("N")[..6];
        await using (var customerScope = portal.ScopeAs(await portal.PrincipalForAsync("customer@acme.example")))
        {
            var refused = await customerScope.ServiceProvider.GetRequiredService<AnswerLibrary>()
                .SaveAsync(new AnswerInput { Question = $"Sneaky {marker}?", Body = "Sneaky answer", Visibility = AnswerVisibility.Public });
            Assert.False(refused.Result.Succeeded);
        }
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local"));
        var library = scope.ServiceProvider.GetRequiredService<AnswerLibrary>();
        var invalid = await library.SaveAsync(new AnswerInput { Question = "x", Body = "", Tags = "not a tag!", Visibility = null });
        Assert.False(invalid.Result.Succeeded);
        Assert.Equal([nameof(AnswerInput.Body), nameof(AnswerInput.Question), nameof(AnswerInput.Tags), nameof(AnswerInput.Visibility)], invalid.Errors.Keys.Order(StringComparer.Ordinal));

        var (created, _, id) = await library.SaveAsync(new AnswerInput { Question = $"Do you support {marker} exports?", Body = "Yes, every night.", Tags = "Exports, #Data", Visibility = AnswerVisibility.Public });
        Assert.True(created.Succeeded, created.Error);
        using var visitor = new PortalClient(portal.BaseAddress);
        Assert.Equal([$"Do you support {marker} exports?"], Questions(await visitor.GetDocumentAsync("/faq?q=" + marker)));

        // Moved to Customers only and reworded: the old words no longer find it, and anonymous visitors no longer see it.
        var (updated, _, _) = await library.SaveAsync(new AnswerInput { Id = id, Question = "Do you support nightly exports?", Body = "Yes, every night.", Tags = "exports", Visibility = AnswerVisibility.CustomersOnly });
        Assert.True(updated.Succeeded, updated.Error);
        Assert.Empty(Questions(await visitor.GetDocumentAsync("/faq?q=" + marker)));
        Assert.Empty(Questions(await visitor.GetDocumentAsync("/faq?q=nightly+exports")));
        Assert.Equal("Do you support nightly exports?", (await library.SearchAsync("nightly exports", null))[0].Answer.Question);

        Assert.True((await library.DeleteAsync(id!.Value)).Succeeded);
        Assert.Empty(await library.SearchAsync("nightly exports", "exports"));
        await using var db = portal.CreateDbContext();
        var entityId = id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actions = await db.AuditEvents.Where(e => e.EntityType == nameof(Answer) && e.EntityId == entityId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["answer.created", "answer.updated", "answer.deleted"], actions);
        var stored = await db.Answers.CountAsync(a => a.Question.Contains(marker));
        Assert.Equal(0, stored);
    }

    private static List<string> Questions(IHtmlDocument page) =>
        page.QuerySelectorAll(".faq-list article h2").Select(h => h.TextContent.Trim()).ToList();
}
