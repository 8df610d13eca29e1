using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Email;

/// <summary>Sends Identity's account emails through the outbox.</summary>
public sealed class IdentityEmailSender(IDbContextFactory<AppDbContext> dbFactory, EmailOutbox outbox, TimeProvider clock, IOptions<VendorOptions> vendor)
    : IEmailSender<ApplicationUser>
{
    private string Vendor => vendor.Value.Name;

    private string RegistrationAttemptSubject => $"Someone tried to register with your {Vendor} address";

    private string ConfirmationSubject => $"Confirm your {Vendor} account";

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, ConfirmationSubject, ConfirmationText(confirmationLink));

    /// <summary>The confirmation email, queued in the caller's unit of work: registration commits it with the account.</summary>
    public void EnqueueConfirmationLink(AppDbContext db, string email, string confirmationLink) =>
        outbox.Enqueue(db, email, ConfirmationSubject, ConfirmationText(confirmationLink));

    private static string ConfirmationText(string confirmationLink) =>
        $"Hello,\n\nPlease confirm your email address to finish creating your account:\n{confirmationLink}\n\nIf you did not register, you can ignore this message.";

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, $"Reset your {Vendor} password",
            $"Hello,\n\nUse this link to choose a new password:\n{resetLink}\n\nIf you did not ask for this, you can ignore this message.");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, $"Your {Vendor} password reset code",
            $"Hello,\n\nYour password reset code is: {resetCode}\n\nIf you did not ask for this, you can ignore this message.");

    /// <summary>
    /// Someone tried to register an address that already has an account. The form answers as for a new address, so
    /// only the owner learns of it, here; at most once an hour, so repeated attempts cannot flood the inbox.
    /// </summary>
    public async Task SendRegistrationAttemptNoticeAsync(string email, string signInLink, string resetLink)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
            var subject = outbox.Subject(RegistrationAttemptSubject);
            if (await db.OutboxMessages.AnyAsync(m => m.To == email && m.Subject == subject && m.CreatedAtUtc > since))
            {
                return;
            }
        }
        await SendAsync(email, RegistrationAttemptSubject,
            $"Hello,\n\nSomeone just tried to create a {Vendor} account with this email address. You already have an account, so no new one was created.\n\n"
            + $"If it was you, sign in here:\n{signInLink}\n\nForgot your password? Choose a new one here:\n{resetLink}\n\n"
            + "If it was not you, you can ignore this message: your account is unchanged.");
    }

    private async Task SendAsync(string email, string subject, string text)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        outbox.Enqueue(db, email, subject, text);
        await db.SaveChangesAsync();
    }
}
