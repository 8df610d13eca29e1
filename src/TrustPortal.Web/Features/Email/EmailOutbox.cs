using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Email;

/// <summary>Queues emails into the caller's unit of work; the <see cref="OutboxSender"/> delivers them after commit.</summary>
public sealed class EmailOutbox(TimeProvider clock, OutboxSignal signal, IOptions<VendorOptions> vendor)
{
    public void Enqueue(AppDbContext db, string to, string subject, string text)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            To = to,
            Subject = Subject(subject),
            TextBody = text,
            HtmlBody = ToHtml(text),
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });
        db.SavedChanges += (_, _) => signal.Notify();
    }

    /// <summary>One email to every member of <paramref name="role"/> with a confirmed address.</summary>
    public async Task EnqueueToRoleAsync(AppDbContext db, string role, string subject, string text, CancellationToken cancellationToken = default)
    {
        var addresses = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Where(u => u.Email != null && u.EmailConfirmed)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        foreach (var address in addresses)
        {
            Enqueue(db, address, subject, text);
        }
    }

    /// <summary>
    /// The subject as sent: every email says which vendor it is from (the product's own name means nothing to a
    /// customer), so a subject that does not name the vendor gets "[Vendor] " in front.
    /// </summary>
    public string Subject(string subject) => SubjectFor(vendor.Value.Name, subject);

    /// <summary>The vendor's name (Vendor:Name), which emails use where they name the portal.</summary>
    public string VendorName => vendor.Value.Name;

    public static string SubjectFor(string vendorName, string subject) =>
        string.IsNullOrWhiteSpace(vendorName) || subject.Contains(vendorName, StringComparison.OrdinalIgnoreCase)
            ? subject
            : $"[{vendorName}] {subject}";

    // Plain paragraphs with links made clickable; everything else is encoded, so no input becomes markup.
    private static string ToHtml(string text)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join("<br>", p.Split('\n').Select(FormatLine)));
        return "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">"
            + string.Concat(paragraphs.Select(p => $"<p>{p}</p>")) + "</body></html>";
    }

    private static string FormatLine(string line)
    {
        var trimmed = line.Trim();
        var encoded = WebUtility.HtmlEncode(trimmed);
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{encoded}\">{encoded}</a>"
            : encoded;
    }
}

/// <summary>Wakes the sender as soon as a message is committed instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
