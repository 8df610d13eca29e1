using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.E2E.Dpa;

/// <summary>
/// A customer sends the DPA to the person who may sign; that person, with no account, signs from the emailed link and
/// keeps the sealed PDF: from the completion page and from the link in their confirmation email, which then works in
/// their browser only.
/// </summary>
public sealed partial class SignatoryCopyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Signatory = "olga.owner@globex.example";

    [Fact]
    public async Task ForwardedSignatory_SignsFromTheEmail_DownloadsTheSealedPdfThere_AndTheLinkIsTheirsAlone()
    {
        var customer = await Session.SignInAsync(fixture, "customer@globex.example");
        var wizard = new DpaWizardPage(customer);
        await wizard.GotoAsync();
        await wizard.FillEntityAsync("Globex Incorporated", "15 Cypress Creek Road\nSpringfield, OR 97477", "United States");
        await wizard.NextAsync();
        await wizard.ChooseSomeoneElseSignsAsync("Olga Owner", "Chief Executive Officer", Signatory);
        await wizard.NextAsync();
        await wizard.FillProcessingAsync("End users of the customer's applications", "Content of prompts, files and other inputs",
            "Answering customer questions in our web shop.");
        await wizard.NextAsync();
        await wizard.SendForSignatureAsync(Signatory);
        await Assertions.Expect(customer.GetByText($"We emailed {Signatory}", new() { Exact = false })).ToBeVisibleAsync();

        var signatory = await fixture.NewPageAsync();
        var signing = new SignByLinkPage(signatory);
        var signingLink = await LinkInEmailAsync("Please sign", SigningLink());
        await signing.GotoAsync(signingLink);
        // Nothing to sign until the signatory proves the address: a six-digit code by email.
        await Assertions.Expect(signatory.GetByLabel("Type your full name to sign")).ToHaveCountAsync(0);
        await signing.RequestCodeAsync();
        foreach (var width in new[] { 1366, 390 })
        {
            await signatory.SetViewportSizeAsync(width, 900);
            await signatory.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("signatory", width, "dpa-sign-code"), FullPage = true });
        }
        await signatory.SetViewportSizeAsync(1366, 900);
        await signing.EnterCodeAsync(SignatoryCodeEmails.CodeIn(await SignatoryCodeEmails.NewestInOutboxAsync(fixture.Portal, Signatory)));
        await signatory.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("signatory", 1366, "dpa-sign-verified") });
        await signing.SignAsync("Olga Owner");
        var number = await signing.ExecutedNumberAsync();
        Assert.Matches(AgreementNumber(), number);

        var fromPage = await signing.DownloadAsync();
        Assert.Equal($"{number}.pdf", fromPage.SuggestedFilename);
        await AssertSealedAsync(fromPage, number);

        var copyLink = await LinkInEmailAsync(number, CopyLink());
        var fromEmail = await signatory.RunAndWaitForDownloadAsync(() => signatory.EvaluateAsync("url => { window.location.href = url; }", copyLink));
        await AssertSealedAsync(fromEmail, number);

        // Opened again (say the confirmation never arrived), the signing link says the DPA is signed and gives its number.
        foreach (var width in new[] { 1366, 390 })
        {
            await signatory.SetViewportSizeAsync(width, 900);
            await signing.GotoAsync(signingLink);
            await Assertions.Expect(signatory.GetByRole(AriaRole.Heading, new() { Name = "Already signed" })).ToBeVisibleAsync();
            await Assertions.Expect(signatory.GetByText(number)).ToBeVisibleAsync();
            await signatory.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("signatory", width, "dpa-sign-used"), FullPage = true });
        }

        // Used once, the link is the signatory's browser's alone: not another customer's, not the preparing colleague's, not a stranger's.
        var acme = await Session.SignInAsync(fixture, "customer@acme.example");
        var anonymous = await fixture.NewPageAsync();
        foreach (var other in new[] { acme, customer, anonymous })
        {
            var response = await other.GotoAsync(copyLink);
            Assert.Equal(404, response!.Status);
            Assert.NotEqual("application/pdf", await response.HeaderValueAsync("content-type"));
        }
        // One audit event per download the signatory made (the page's link is not fetched twice), none for the refusals.
        await using var db = fixture.Portal.CreateDbContext();
        var agreementId = (await db.Agreements.SingleAsync(a => a.Number == number)).Id.ToString();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == SignatoryCopies.DownloadedAction && e.EntityId == agreementId));
    }

    private async Task AssertSealedAsync(IDownload download, string number)
    {
        var path = Path.Combine(fixture.Portal.DataDirectory, $"{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var pdf = await File.ReadAllBytesAsync(path);
        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        var text = PdfTools.Text(pdf);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("Olga Owner", text, StringComparison.Ordinal);
    }

    /// <summary>The link in the newest email to the signatory whose subject contains <paramref name="subject"/>.</summary>
    private async Task<string> LinkInEmailAsync(string subject, Regex link)
    {
        await using var db = fixture.Portal.CreateDbContext();
        var email = await db.OutboxMessages.Where(m => m.To == Signatory && m.Subject.Contains(subject))
            .OrderByDescending(m => m.CreatedAtUtc).FirstAsync();
        return link.Match(email.TextBody).Value;
    }

    [GeneratedRegex(@"https?://\S+/dpa/sign/\S+")]
    private static partial Regex SigningLink();

    [GeneratedRegex(@"https?://\S+/dpa/copy/\S+")]
    private static partial Regex CopyLink();

    [GeneratedRegex(@"^DPA-\d{4}-\d{6}$")]
    private static partial Regex AgreementNumber();
}
