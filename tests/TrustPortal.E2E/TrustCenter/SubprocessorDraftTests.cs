using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.TrustCenter;

/// <summary>An admin adds a subprocessor as a draft and publishes it; a visitor sees it only after publishing.</summary>
public sealed class SubprocessorDraftTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AddDialog_ShowsMessagesOnlyAfterASaveAttempt_AndTheDraftIsPublicOnlyOncePublished()
    {
        var name = $"Penguin Vectors {Guid.NewGuid():N}"[..22];
        var visitor = await fixture.NewPageAsync();
        var admin = await Session.SignInAsync(fixture, "admin@trustportal.local");
        await admin.OpenAsync("/admin/subprocessors");

        // The page must be the active one for focus and blur events to fire, as they do for a real user.
        await admin.BringToFrontAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add subprocessor" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FocusAsync();
        // Focus moving about as the dialog opens must not count as the user leaving a field empty.
        await dialog.GetByLabel("Purpose").FocusAsync();
        await Assertions.Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Assertions.Expect(dialog).Not.ToContainTextAsync("Required");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(dialog.Locator(".mud-input-helper-text.mud-input-error")).ToHaveCountAsync(4);
        await Assertions.Expect(dialog).ToContainTextAsync("Enter the name");

        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Purpose").FillAsync("Vector search for support answers");
        await dialog.GetByLabel("Location").FillAsync("European Union (Ireland)");
        await dialog.GetByLabel("Categories of data").FillAsync("Support requests");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("saved as a draft");
        await Assertions.Expect(admin.Locator("#pending-drafts")).ToContainTextAsync($"Add {name}");

        await visitor.GotoAsync("/subprocessors");
        await Assertions.Expect(visitor.Locator("table")).Not.ToContainTextAsync(name);

        await admin.GetByLabel("What changed").FillAsync($"Added {name} for support search.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "and notify" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar").Last).ToContainTextAsync("is published");

        await visitor.GotoAsync("/subprocessors");
        var row = visitor.Locator("table tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Starts processing");
    }
}
