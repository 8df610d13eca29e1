using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>
/// What a forwarded signatory does before signing, as the tests of the signing link share it: Globex forwards a DPA, the
/// signatory opens the emailed link, asks for a code, reads it from their email and enters it.
/// </summary>
internal static partial class SigningLinkSteps
{
    public const string CodeSubject = SignatoryCodeEmails.Subject;

    /// <summary>The field of the sign form as the page shows it (a post's answer may also carry empty forms for resent posts).</summary>
    public const string SignField = "input[name='Input.TypedName']";

    /// <summary>Globex sends a DPA to <paramref name="signatoryEmail"/>; returns the path of the emailed signing link.</summary>
    public static async Task<string> ForwardAsync(PortalFactory portal, string signatoryEmail, string signatoryName)
    {
        var globex = await portal.PrincipalForAsync(DpaTestData.GlobexEmail);
        await using (var scope = portal.ScopeAs(globex))
        {
            var draft = DpaTestData.GlobexDraft();
            draft.SignatoryEmail = signatoryEmail;
            draft.SignatoryName = signatoryName;
            var result = await scope.ServiceProvider.GetRequiredService<DpaSignatureRequests>().ForwardAsync(draft);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        }
        await using var db = portal.CreateDbContext();
        var email = await db.OutboxMessages.SingleAsync(m => m.To == signatoryEmail && m.Subject.Contains("Please sign"));
        return new Uri(SigningLink().Match(email.TextBody).Value).PathAndQuery;
    }

    /// <summary>
    /// Asks for a code, takes it from the email <paramref name="newestCodeEmail"/> reads, enters it, and checks the
    /// page then offers to sign. Returns that page.
    /// </summary>
    public static async Task<IHtmlDocument> ConfirmAddressAsync(PortalClient client, string link, Func<Task<string>> newestCodeEmail)
    {
        var sent = await RequestCodeAsync(client, link);
        Assert.True(sent.Body!.TextContent.Contains("We emailed a code", StringComparison.Ordinal),
            "No code was sent: " + (sent.QuerySelector("#code-error")?.TextContent ?? sent.Body.TextContent));
        var page = await EnterCodeAsync(client, link, CodeIn(await newestCodeEmail()));
        Assert.True(page.QuerySelector(SignField) is not null, "After the right code the page offers to sign: " + (page.QuerySelector("#code-error")?.TextContent ?? page.Body!.TextContent));
        return page;
    }

    public static async Task<IHtmlDocument> RequestCodeAsync(PortalClient client, string link) =>
        await PortalClient.ParseAsync(await client.SubmitFormAsync(link, DpaSignByLinkForms.SendCode, new Dictionary<string, string>()));

    /// <summary>Enters <paramref name="code"/> in the form of <paramref name="onPage"/> (a page loaded earlier), or of the page as it is now.</summary>
    public static async Task<IHtmlDocument> EnterCodeAsync(PortalClient client, string link, string code, IHtmlDocument? onPage = null)
    {
        var fields = new Dictionary<string, string> { ["Code.Value"] = code };
        return await PortalClient.ParseAsync(onPage is null
            ? await client.SubmitFormAsync(link, DpaSignByLinkForms.VerifyCode, fields)
            : await client.SubmitFormAsync(onPage, link, DpaSignByLinkForms.VerifyCode, fields));
    }

    public static async Task<IHtmlDocument> SignAsync(PortalClient client, string link, string typedName) =>
        await PortalClient.ParseAsync(await client.SubmitFormAsync(link, DpaSignByLinkForms.Sign, new Dictionary<string, string>
        {
            ["Input.TypedName"] = typedName,
            ["Input.Consent"] = "true",
        }));

    /// <summary>The text of the newest code email to <paramref name="to"/> in the outbox.</summary>
    public static Func<Task<string>> FromOutbox(PortalFactory portal, string to) => () => SignatoryCodeEmails.NewestInOutboxAsync(portal, to);

    public static string CodeIn(string emailText) => SignatoryCodeEmails.CodeIn(emailText);

    /// <summary>Another six digits than <paramref name="code"/>: a wrong guess.</summary>
    public static string Other(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"https?://\S+/dpa/sign/\S+")]
    public static partial Regex SigningLink();
}
