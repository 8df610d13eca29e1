using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.IntegrationTests.Email;

/// <summary>Customers get email from the vendor they deal with, not from "TrustPortal": every subject names the vendor.</summary>
public sealed class EmailSubjectTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EverySubject_NamesTheVendor_AndNoneSaysTrustPortal()
    {
        var vendor = portal.Services.GetRequiredService<IOptions<VendorOptions>>().Value.Name;
        Assert.False(string.IsNullOrWhiteSpace(vendor));
        var sender = portal.Services.GetRequiredService<IEmailSender<ApplicationUser>>();
        var user = new ApplicationUser { Email = "someone@example.test" };
        await sender.SendConfirmationLinkAsync(user, "someone@example.test", "https://portal.example/confirm");
        await sender.SendPasswordResetLinkAsync(user, "someone@example.test", "https://portal.example/reset");
        await sender.SendPasswordResetCodeAsync(user, "someone@example.test", "123456");
        // Workflow notices (a BAA request emails Sales) and the messages the demo seed queued.
        await BaaTestData.SubmitNewAsync(portal, $"Subject Test {BaaTestData.NewTag()}");

        await using var db = portal.CreateDbContext();
        var subjects = await db.OutboxMessages.Select(m => m.Subject).ToListAsync();

        Assert.Contains(subjects, s => s.Contains("BAA-R-", StringComparison.Ordinal));
        Assert.Contains($"Confirm your {vendor} account", subjects);
        Assert.All(subjects, s => Assert.Contains(vendor, s, StringComparison.Ordinal));
        Assert.All(subjects, s => Assert.DoesNotContain("TrustPortal", s, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("BAA-R-0005: new BAA request from Acme", "[Meridian AI] BAA-R-0005: new BAA request from Acme")]
    [InlineData("Confirm your Meridian AI account", "Confirm your Meridian AI account")]
    public void SubjectFor_AddsTheVendorOnlyWhenMissing(string subject, string sent) =>
        Assert.Equal(sent, EmailOutbox.SubjectFor("Meridian AI", subject));
}
