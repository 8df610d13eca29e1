using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;

namespace TrustPortal.E2E.Dpa;

public sealed partial class DpaWizardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Purposes = "Drafting replies to support tickets for our help-desk agents.";

    [Fact]
    public async Task DemoCustomer_CompletesTheWizard_AndDownloadsTheExecutedSealedPdf()
    {
        var page = await SignedInAsync("customer@acme.example");
        var wizard = new DpaWizardPage(page);
        await wizard.GotoAsync();

        await wizard.FillEntityAsync("Acme Corporation GmbH", "Roadrunner Allee 1\n10115 Berlin", "Germany");
        await wizard.NextAsync();
        await wizard.FillSignatoryTitleAsync("Chief Operating Officer");
        await wizard.NextAsync();
        await wizard.FillProcessingAsync("End users of the customer's applications", "Content of prompts, files and other inputs", Purposes);
        await wizard.NextAsync();
        await Assertions.Expect(page.Locator(".agreement-preview")).ToContainTextAsync(Purposes);
        await Assertions.Expect(page.Locator(".agreement-preview")).ToContainTextAsync("Acme Corporation GmbH");
        await wizard.ContinueToSignAsync();
        await wizard.SignAsync("Casey Customer");

        await page.WaitForURLAsync(AgreementUrl());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(AgreementNumber());
        var number = (await page.Locator("h1").TextContentAsync())!.Trim();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.Equal($"{number}.pdf", download.SuggestedFilename);
        var path = Path.Combine(fixture.Portal.DataDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var pdf = await File.ReadAllBytesAsync(path);

        var text = PdfTools.Text(pdf);
        Assert.Contains("Acme Corporation GmbH", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(Purposes, text, StringComparison.Ordinal);
        Assert.Contains("Germany", text, StringComparison.Ordinal);
        var report = PdfTools.Pdfsig(pdf);
        Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyLegalName_ShowsTheMessageAtTheField_AndStaysOnTheStep()
    {
        var page = await SignedInAsync("customer@globex.example");
        var wizard = new DpaWizardPage(page);
        await wizard.GotoAsync();

        await page.GetByLabel("Legal name").FillAsync("");
        await wizard.NextAsync();

        await Assertions.Expect(page.GetByText("Enter the legal name of the contracting entity.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Choose the country of registration.")).ToBeVisibleAsync();
        await Assertions.Expect(wizard.CurrentStep).ToContainTextAsync("Legal entity");
    }

    [Fact]
    public async Task AnswersOfADoneStep_SurviveAReload_AndTheWizardContinuesAtTheNextStep()
    {
        const string email = "customer@acme.example";
        var page = await SignedInAsync(email);
        var wizard = new DpaWizardPage(page);
        await wizard.GotoAsync();
        try
        {
            await wizard.FillEntityAsync("Acme Reload Test GmbH", "Roadrunner Allee 2\n10115 Berlin", "Germany");
            await wizard.NextAsync();
            await Assertions.Expect(wizard.CurrentStep).ToContainTextAsync("Signatory");

            // A lost connection or a dead instance: the page starts again from the server.
            await wizard.GotoAsync();

            await Assertions.Expect(page.GetByText("We kept your answers", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(wizard.CurrentStep).ToContainTextAsync("Signatory");
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("acme", width, "dpa-new-restored"), FullPage = true });
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Legal name")).ToHaveValueAsync("Acme Reload Test GmbH");
        }
        finally
        {
            // Other tests of this user start the wizard from the beginning.
            await using var scope = fixture.Portal.ScopeAs(await fixture.Portal.PrincipalForAsync(email));
            await scope.ServiceProvider.GetRequiredService<TrustPortal.Web.Features.Dpa.DpaWizardDrafts>().DeleteAsync();
        }
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(email, PortalFactory.DemoPassword);
        await page.WaitForURLAsync("**/portal");
        return page;
    }

    [GeneratedRegex(@"/agreements/[0-9a-f\-]{36}$")]
    private static partial Regex AgreementUrl();

    [GeneratedRegex(@"^DPA-\d{4}-\d{6}$")]
    private static partial Regex AgreementNumber();
}
