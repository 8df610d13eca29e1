using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Email;

/// <summary>Sends Identity's account emails through the outbox.</summary>
public sealed class IdentityEmailSender(IDbContextFactory<AppDbContext> dbFactory, EmailOutbox outbox) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your TrustPortal account",
            $"Hello,\n\nPlease confirm your email address to finish creating your account:\n{confirmationLink}\n\nIf you did not register, you can ignore this message.");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your TrustPortal password",
            $"Hello,\n\nUse this link to choose a new password:\n{resetLink}\n\nIf you did not ask for this, you can ignore this message.");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, "Your TrustPortal password reset code",
            $"Hello,\n\nYour password reset code is: {resetCode}\n\nIf you did not ask for this, you can ignore this message.");

    private async Task SendAsync(string email, string subject, string text)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        outbox.Enqueue(db, email, subject, text);
        await db.SaveChangesAsync();
    }
}
