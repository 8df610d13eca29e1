using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Web.Features.Email;

namespace TrustPortal.E2E.Email;

/// <summary>An Admin finds mail the server refused at /admin/mail and sends it again once the server works.</summary>
public sealed class MailDeliveryTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_RetriesUndeliveredMail_AndTheListEmpties()
    {
        var now = DateTime.UtcNow;
        // Left behind by an SMTP outage; this portal writes .eml files, so a retry now succeeds.
        await using (var db = fixture.Portal.CreateDbContext())
        {
            db.OutboxMessages.AddRange(
                new OutboxMessage
                {
                    To = "gale@globex.example", Subject = "DPA-2026-0042 executed: your copy", TextBody = "Hello", HtmlBody = "<p>Hello</p>",
                    CreatedAtUtc = now.AddDays(-8), NextAttemptAtUtc = now.AddHours(-1), Attempts = 174, UndeliveredAtUtc = now.AddHours(-1),
                    LastError = "Connection refused 127.0.0.1:587",
                },
                new OutboxMessage
                {
                    To = "dpo@acme.example", Subject = "Confirm your TrustPortal account", TextBody = "Hello", HtmlBody = "<p>Hello</p>",
                    CreatedAtUtc = now.AddMinutes(-31), NextAttemptAtUtc = now.AddMinutes(32), Attempts = 6,
                    LastError = "4.3.2 Service not available, closing transmission channel",
                });
            await db.SaveChangesAsync();
        }

        var admin = await Session.SignInAsync(fixture, "admin@trustportal.local");
        await admin.OpenAsync("/admin/mail");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 email is undelivered" })).ToBeVisibleAsync();
        var rows = admin.Locator(".mud-table-body tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("Undelivered");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Retry now: DPA-2026-0042 executed: your copy to gale@globex.example" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Sending \"DPA-2026-0042 executed: your copy\"");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Confirm your TrustPortal account");

        await admin.ClickButtonAsync("Retry all now");
        await Assertions.Expect(admin.GetByText("All mail is delivered")).ToBeVisibleAsync();
    }
}
