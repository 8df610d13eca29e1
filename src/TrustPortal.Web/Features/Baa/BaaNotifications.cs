using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>Who hears about each request step: the customer on decisions and questions, Sales on requests, the assignee on answers, Legal on signatures.</summary>
public sealed class BaaNotifications(EmailOutbox outbox, PublicUrls urls)
{
    public Task ToRoleAsync(AppDbContext db, string role, string subject, string text) => outbox.EnqueueToRoleAsync(db, role, subject, text);

    /// <summary>One email to each address, a repeated address (in any case) only once.</summary>
    public void ToAddresses(AppDbContext db, IEnumerable<string> addresses, RequestEmail email)
    {
        foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            outbox.Enqueue(db, address, email.Subject, email.Text);
        }
    }

    /// <summary>The assigned reviewer only; all of Sales while nobody has taken the request.</summary>
    public Task ToReviewerAsync(AppDbContext db, ReviewedRequest request, string subject, string text)
    {
        if (request.AssignedToUserId is null)
        {
            return ToRoleAsync(db, Roles.Sales, subject, text);
        }
        return ToUserAsync(db, request.AssignedToUserId, subject, text);
    }

    public string Absolute(string path) => urls.Absolute(path);

    private async Task ToUserAsync(AppDbContext db, string userId, string subject, string text)
    {
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync();
        if (email is not null)
        {
            outbox.Enqueue(db, email, subject, text);
        }
    }
}
