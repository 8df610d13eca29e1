using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace TrustPortal.Testing;

/// <summary>The code email a forwarded signatory gets before signing, as integration and browser tests read it.</summary>
public static partial class SignatoryCodeEmails
{
    public const string Subject = "Your code to sign";

    /// <summary>The text of the newest code email to <paramref name="to"/> in the portal's outbox.</summary>
    public static async Task<string> NewestInOutboxAsync(PortalFactory portal, string to)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.Where(m => m.To == to && m.Subject.Contains(Subject))
            .OrderByDescending(m => m.CreatedAtUtc).Select(m => m.TextBody).FirstAsync();
    }

    /// <summary>The six digits the email gives as the code.</summary>
    public static string CodeIn(string emailText)
    {
        var match = Code().Match(emailText ?? "");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No code in: " + emailText);
    }

    [GeneratedRegex(@"Your code: (\d{6})\b")]
    private static partial Regex Code();
}
