using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.IntegrationTests.SignIn;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>The portal with a real SMTP server in-process and a clock the test moves.</summary>
public sealed class SignatoryCodePortal : MailboxPortal
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;

    /// <summary>A function that waits for the next code email to <paramref name="to"/> and returns its text.</summary>
    public Func<Task<string>> NextCodeEmail(string to)
    {
        // The server keeps no order we could rely on: the next email is the one that was not there before.
        var before = CodeEmails(to).ToHashSet(StringComparer.Ordinal);
        return async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                if (CodeEmails(to).FirstOrDefault(text => !before.Contains(text)) is { } next)
                {
                    return next;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"No new code email to {to}.");
                }
                await Task.Delay(100);
            }
        };
    }

    private IEnumerable<string> CodeEmails(string to) =>
        Emails(to).Where(m => (m.Subject ?? "").Contains(SigningLinkSteps.CodeSubject, StringComparison.Ordinal)).Select(m => m.TextBody ?? "");
}

/// <summary>
/// A forwarded signatory proves they read the link's mailbox before they can sign: a six-digit code, emailed (read here
/// from the SMTP server), that expires, allows a few attempts and works once, in the browser that entered it.
/// </summary>
public sealed class SignatoryCodeTests(SignatoryCodePortal portal) : IClassFixture<SignatoryCodePortal>
{
    [Fact]
    public async Task Sign_WithoutAVerifiedCode_IsRefusedByTheServer_AndStoresNothing()
    {
        var link = await SigningLinkSteps.ForwardAsync(portal, "paula@globex.example", "Paula Post");
        using var client = new PortalClient(portal.BaseAddress);
        var page = await client.GetDocumentAsync(link);
        Assert.Null(page.QuerySelector(SigningLinkSteps.SignField));
        Assert.NotNull(page.QuerySelector("input[name='_handler'][value='send-code']"));
        Assert.Contains("p•••@globex.example", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Summarising sales calls", page.Body.TextContent, StringComparison.Ordinal);
        var before = await AgreementCountAsync();

        // A hand-made post of the sign form, as a script would send it without ever asking for a code.
        var refused = await PostSignAsync(client, link, "Paula Post");

        Assert.Contains(DpaSignatureRequests.CodeRequired, refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await AgreementCountAsync());
        await using var db = portal.CreateDbContext();
        Assert.Null((await db.SignatureRequests.SingleAsync(r => r.SignatoryEmail == "paula@globex.example")).CompletedAtUtc);
    }

    [Fact]
    public async Task EmailedCode_LetsTheSignatorySign_AndTheCertificateAndAuditRecordTheVerification()
    {
        const string signatory = "quinn@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Quinn Quest");
        using var client = new PortalClient(portal.BaseAddress);

        var confirmed = await SigningLinkSteps.ConfirmAddressAsync(client, link, portal.NextCodeEmail(signatory));
        Assert.Contains("Email address confirmed", confirmed.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Summarising sales calls", confirmed.Body.TextContent, StringComparison.Ordinal);
        // Reopened in the same browser, the link remembers the confirmation.
        var reopened = await client.GetDocumentAsync(link);
        Assert.NotNull(reopened.QuerySelector(SigningLinkSteps.SignField));

        var signed = await SigningLinkSteps.SignAsync(client, link, "Quinn Quest");
        var number = Regex.Match(signed.Body!.TextContent, @"DPA-\d{4}-\d{6}").Value;
        Assert.NotEmpty(number);

        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Number == number);
        var request = await db.SignatureRequests.SingleAsync(r => r.AgreementId == agreement.Id);
        var code = await db.SignatureCodes.SingleAsync(c => c.Id == request.SignedWithCodeId);
        Assert.NotNull(code.VerifiedAtUtc);
        Assert.Equal(signatory, code.SentTo);
        Assert.DoesNotContain(SigningLinkSteps.CodeIn((await portal.WaitForEmailAsync(signatory, SigningLinkSteps.CodeSubject)).TextBody ?? ""),
            code.CodeHash, StringComparison.Ordinal);

        var pdf = (await db.AgreementDocuments.SingleAsync(d => d.AgreementId == agreement.Id)).Content;
        // The certificate page's events table: the time, then the event (the IP address column may interleave with its lines).
        var text = Regex.Replace(PdfTools.Text(pdf), @"\s+", " ");
        var verifiedAt = code.VerifiedAtUtc!.Value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"{verifiedAt} UTC Email address (\S+ ){{0,2}}{Regex.Escape(signatory)} verified by one-time code", text);

        using var globex = new PortalClient(portal.BaseAddress);
        await globex.SignInAsync(DpaTestData.GlobexEmail, PortalFactory.DemoPassword);
        var agreementPage = await globex.GetDocumentAsync($"/agreements/{agreement.Id}");
        Assert.Contains("Email address verified by one-time code", agreementPage.QuerySelector("[data-fact='email-verified']")!.TextContent, StringComparison.Ordinal);

        var actions = await db.AuditEvents.Where(e => e.EntityId == request.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal(["signature-request.created", SignatoryCodes.SentAction, SignatoryCodes.VerifiedAction, "signature-request.completed"], actions);
    }

    [Fact]
    public async Task WrongCode_CountsEachAttempt_AndAfterTheLimitTheRightCodeIsDeadToo()
    {
        const string signatory = "rita@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Rita Retry");
        using var client = new PortalClient(portal.BaseAddress);
        var email = portal.NextCodeEmail(signatory);
        await SigningLinkSteps.RequestCodeAsync(client, link);
        var code = SigningLinkSteps.CodeIn(await email());

        IHtmlDocument? page = null;
        for (var left = 4; left >= 1; left--)
        {
            page = await SigningLinkSteps.EnterCodeAsync(client, link, SigningLinkSteps.Other(code));
            Assert.Equal($"That code is not right. {left} attempt{(left == 1 ? "" : "s")} left.", CodeError(page));
        }
        var last = await SigningLinkSteps.EnterCodeAsync(client, link, SigningLinkSteps.Other(code));
        Assert.Contains("tried too many times. Request a new code.", CodeError(last), StringComparison.Ordinal);
        Assert.Null(last.QuerySelector("input[name='_handler'][value='verify-code']"));
        // The right code, from a page that still shows the form (another tab), is refused too.
        var right = await SigningLinkSteps.EnterCodeAsync(client, link, code, page);
        Assert.Contains("tried too many times", CodeError(right), StringComparison.Ordinal);
        Assert.Null(right.QuerySelector(SigningLinkSteps.SignField));

        await using var db = portal.CreateDbContext();
        var row = await db.SignatureCodes.SingleAsync(c => c.SentTo == signatory);
        Assert.Equal(5, row.Attempts);
        Assert.Null(row.VerifiedAtUtc);
        var requestId = row.SignatureRequestId.ToString();
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.EntityId == requestId && e.Action == SignatoryCodes.RejectedAction));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EntityId == requestId && e.Action == SignatoryCodes.LockedAction));

        // A new code works.
        await SigningLinkSteps.ConfirmAddressAsync(client, link, portal.NextCodeEmail(signatory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    [InlineData("<script>alert(1)</script>")]
    public async Task BadInput_SaysWhatIsExpected_AndUsesNoAttempt(string input)
    {
        var signatory = $"sam.{Guid.NewGuid():N}@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Sam Sloppy");
        using var client = new PortalClient(portal.BaseAddress);
        await SigningLinkSteps.RequestCodeAsync(client, link);

        var page = await SigningLinkSteps.EnterCodeAsync(client, link, input);

        Assert.Equal("Enter the six digits from the email we sent you.", CodeError(page));
        await using var db = portal.CreateDbContext();
        Assert.Equal(0, (await db.SignatureCodes.SingleAsync(c => c.SentTo == signatory)).Attempts);
    }

    [Fact]
    public async Task ExpiredCode_IsRefused_AndANewOneWorks()
    {
        const string signatory = "tom@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Tom Tardy");
        using var client = new PortalClient(portal.BaseAddress);
        var email = portal.NextCodeEmail(signatory);
        var form = await SigningLinkSteps.RequestCodeAsync(client, link);
        var code = SigningLinkSteps.CodeIn(await email());

        // The page stays open past the code's lifetime; then the signatory enters it.
        portal.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var late = await SigningLinkSteps.EnterCodeAsync(client, link, code, form);

        Assert.Equal("This code has expired. Request a new code.", CodeError(late));
        Assert.Null(late.QuerySelector(SigningLinkSteps.SignField));
        await SigningLinkSteps.ConfirmAddressAsync(client, link, portal.NextCodeEmail(signatory));
    }

    [Fact]
    public async Task Code_WorksOnce_AndOnlyTheBrowserThatEnteredItMaySign()
    {
        const string signatory = "uma@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Uma Unique");
        using var first = new PortalClient(portal.BaseAddress);
        using var second = new PortalClient(portal.BaseAddress);
        var email = portal.NextCodeEmail(signatory);
        await SigningLinkSteps.RequestCodeAsync(first, link);
        var code = SigningLinkSteps.CodeIn(await email());
        // Someone else who has the link and the code (a forwarded email) opens the page while the code still works ...
        var secondForm = await second.GetDocumentAsync(link);
        var verified = await SigningLinkSteps.EnterCodeAsync(first, link, code);
        Assert.Contains("Email address confirmed", verified.Body!.TextContent, StringComparison.Ordinal);

        // ... and enters it after the signatory did.
        var again = await SigningLinkSteps.EnterCodeAsync(second, link, code, secondForm);
        Assert.Equal("This code has already been used. Request a new code.", CodeError(again));
        var refused = await PostSignAsync(second, link, "Uma Unique");
        Assert.Contains(DpaSignatureRequests.CodeRequired, refused.Body!.TextContent, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Null((await db.SignatureRequests.SingleAsync(r => r.SignatoryEmail == signatory)).CompletedAtUtc);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == SignatoryCodes.VerifiedAction && e.ActorName == signatory));
    }

    [Fact]
    public async Task Resending_IsLimitedPerLink_AndOnlyTheNewestCodeCounts()
    {
        const string signatory = "vera@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Vera Volley");
        using var client = new PortalClient(portal.BaseAddress);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // Each email is read before the next is asked for, so "the next email" is never an earlier one arriving late.
            var email = portal.NextCodeEmail(signatory);
            await SigningLinkSteps.RequestCodeAsync(client, link);
            codes.Add(SigningLinkSteps.CodeIn(await email()));
        }

        var fourth = await SigningLinkSteps.RequestCodeAsync(client, link);

        Assert.Contains("We have sent 3 codes for this link in the last 10 minutes", CodeError(fourth), StringComparison.Ordinal);
        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(3, await db.SignatureCodes.CountAsync(c => c.SentTo == signatory));
        }
        var superseded = await SigningLinkSteps.EnterCodeAsync(client, link, codes[0] == codes[2] ? SigningLinkSteps.Other(codes[2]) : codes[0]);
        Assert.StartsWith("That code is not right.", CodeError(superseded), StringComparison.Ordinal);

        portal.Time.Advance(TimeSpan.FromMinutes(10));
        await SigningLinkSteps.ConfirmAddressAsync(client, link, portal.NextCodeEmail(signatory));
    }

    [Fact]
    public async Task Codes_OverTheLinksWholeLife_AreCapped()
    {
        const string signatory = "walt@globex.example";
        var link = await SigningLinkSteps.ForwardAsync(portal, signatory, "Walt Waiting");
        using var client = new PortalClient(portal.BaseAddress);
        for (var sent = 0; sent < 10; sent++)
        {
            if (sent > 0 && sent % 3 == 0)
            {
                portal.Time.Advance(TimeSpan.FromMinutes(10));
            }
            var page = await SigningLinkSteps.RequestCodeAsync(client, link);
            Assert.Null(page.QuerySelector("#code-error"));
        }
        portal.Time.Advance(TimeSpan.FromMinutes(10));

        var refused = await SigningLinkSteps.RequestCodeAsync(client, link);

        Assert.Contains("send a new link", CodeError(refused), StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Equal(10, await db.SignatureCodes.CountAsync(c => c.SentTo == signatory));
    }

    private static string CodeError(IHtmlDocument page) =>
        page.QuerySelector("#code-error")?.TextContent.Trim() ?? throw new InvalidOperationException("No code message on: " + page.Body!.TextContent);

    private static async Task<IHtmlDocument> PostSignAsync(PortalClient client, string link, string typedName) =>
        await PortalClient.ParseAsync(await client.PostFormAsync(link, [new("_handler", DpaSignByLinkForms.Sign),
            new("__RequestVerificationToken", await client.AntiforgeryTokenAsync(link)), new("Input.TypedName", typedName), new("Input.Consent", "true")]));

    private async Task<int> AgreementCountAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.Agreements.CountAsync();
    }
}
