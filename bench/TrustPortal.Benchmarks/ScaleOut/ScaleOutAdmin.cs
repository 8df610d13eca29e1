using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.TrustCenter.Admin;

namespace TrustPortal.Benchmarks.ScaleOut;

/// <summary>
/// A third portal host, in this process, on the same database: it seeds the demo organizations once (Development
/// only, before the instances start), prepares DPAs whose signatories get an emailed link (the real forward flow:
/// the link is read from the email the SMTP server received), publishes trust-center edits during the run, and
/// checks the database afterwards. Like the instances, it sends from the shared outbox.
/// </summary>
public sealed partial class ScaleOutAdmin(IReadOnlyDictionary<string, string> settings) : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>
    /// Prepares <paramref name="count"/> DPAs for signature by email, as the customer's colleague would, and returns the
    /// signing paths, with the address each went to, from the emails the signatories received.
    /// </summary>
    public async Task<IReadOnlyList<SigningLink>> PrepareSignatureLinksAsync(SimpleSmtpServer smtp, int count)
    {
        var customer = await PrincipalForAsync("customer@globex.example");
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            await using var scope = ScopeAs(customer);
            var result = await scope.ServiceProvider.GetRequiredService<DpaSignatureRequests>().ForwardAsync(Draft(i), cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
            }
        });
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var read = 0;
        var links = new Dictionary<string, SigningLink>();
        // Stop once every email arrived: some do not parse back from what netDumbster stores (it keeps
        // SMTP dot-stuffing, for one), and the run needs many links, not every one.
        while (links.Count < count && read < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {links.Count} of {count} signing emails arrived.");
            }
            await Task.Delay(250);
            var received = smtp.ReceivedEmail;
            foreach (var message in received.Skip(read))
            {
                var email = Parse(message);
                var link = SigningLinkPath().Match(email.TextBody ?? "");
                if (link.Success && email.To.Mailboxes.FirstOrDefault() is { } to)
                {
                    links[link.Value] = new SigningLink(link.Value, to.Address);
                }
            }
            read = received.Length;
        }
        return [.. links.Values];
    }

    /// <summary>Adds a sentence to the first commitments section and publishes it, as the trust team would.</summary>
    public async Task PublishAsync(string sentence)
    {
        await using var scope = ScopeAs(await PrincipalForAsync("admin@trustportal.local"));
        var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
        var draft = await content.GetDraftAsync();
        draft.Sections[0].BodyMarkdown += "\n\n" + sentence;
        var saved = await content.SaveDraftAsync(draft.Sections);
        var published = saved.Succeeded ? await content.PublishAsync("Scale-out run: one sentence added.", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1))) : saved;
        if (!published.Succeeded)
        {
            throw new InvalidOperationException("Publishing failed.");
        }
    }

    public static string MessageId(SmtpMessage message) => Parse(message).MessageId ?? "";

    private static MimeMessage Parse(SmtpMessage message) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(message.Data)));

    private static DpaDraft Draft(int i) => new()
    {
        LegalName = $"Scale-out Customer {i}",
        Address = "1 Failover Road, Springfield",
        Country = "United States",
        SignatoryName = "Sam Signer",
        SignatoryTitle = "Chief Executive Officer",
        SignatoryEmail = $"signer{i}@globex.example",
        DataSubjects = [DpaOptions.DataSubjects[0]],
        DataCategories = [DpaOptions.DataCategories[0]],
        Purposes = "Testing that an instance can be lost at any moment.",
    };

    // The token is URL-safe base64 of 32 bytes: 43 characters.
    [GeneratedRegex(@"/dpa/sign/[A-Za-z0-9_-]{43}")]
    private static partial Regex SigningLinkPath();
}

/// <summary>A signing link's path, and the address it was emailed to, where its codes go too.</summary>
public sealed record SigningLink(string Path, string Email);
