using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.TrustCenter;

/// <summary>An admin edits and publishes the commitments; an anonymous visitor sees the change at once.</summary>
public sealed class ContentPublishingTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_PublishesAnEdit_AndAVisitorSeesItOnCommitmentsAndInTheHistory()
    {
        const string sentence = "Our penguins audit every retention job twice a year.";
        const string summary = "Adds the penguin audit sentence.";
        var visitor = await fixture.NewPageAsync();
        // The visitor's first look fills the output cache; publishing must evict it.
        await visitor.GotoAsync("/commitments");
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Data-privacy commitments");

        var admin = await Session.SignInAsync(fixture, "admin@trustportal.local");
        await admin.OpenAsync("/admin/content");
        var body = admin.GetByLabel("Text (Markdown)");
        var text = await body.InputValueAsync();
        await body.FillAsync(text + "\n\n" + sentence);
        // The live preview renders the Markdown as it is typed.
        await Assertions.Expect(admin.Locator(".prose")).ToContainTextAsync(sentence);
        await admin.GetByLabel("What changed (shown on the history page)").FillAsync(summary);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("is published");

        await visitor.GotoAsync("/commitments");
        await Assertions.Expect(visitor.Locator("section#our-promise")).ToContainTextAsync(sentence);
        await visitor.GotoAsync("/commitments/history");
        await Assertions.Expect(visitor.Locator("tr[id^=version-]").First).ToContainTextAsync(summary);
        await Assertions.Expect(visitor.Locator("#diff-our-promise ins")).ToContainTextAsync(sentence);
    }
}
