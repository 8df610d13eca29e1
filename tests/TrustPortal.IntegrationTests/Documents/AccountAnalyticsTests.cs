using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Documents;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Documents;

/// <summary>What Sales see per company equals what was recorded; the owners' reminders go out once, on time.</summary>
public sealed class AccountAnalyticsTests(DocumentsPortal portal) : IClassFixture<DocumentsPortal>
{
    private const string Sales = "sales@trustportal.local";

    [Fact]
    public async Task AccountCounts_EqualTheRecordedViewsAndDownloads_InThePageAndTheCsv()
    {
        var domain = $"analytics-{Guid.NewGuid():N}.example";
        var publicId = await portal.DocumentIdAsync(DocumentVisibility.Public);
        var approved = await portal.DocumentIdAsync(DocumentVisibility.Approved);
        using var first = new PortalClient(portal.BaseAddress);
        var firstViewer = await portal.SignInViewerAsync(first, $"one@{domain}", company: "Analytics Co");
        using var second = new PortalClient(portal.BaseAddress);
        var secondViewer = await portal.SignInViewerAsync(second, $"two@{domain}");
        var approval = await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().ApproveAsync([firstViewer.Id, secondViewer.Id], null));
        Assert.True(approval.Succeeded, approval.Summary);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/documents/{approved}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/documents/{publicId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/documents/{approved}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/documents/{publicId}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/documents/{approved}/download")).StatusCode);
        // Refused downloads and anonymous reading are not the company's.
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/documents/{await portal.DocumentIdAsync(DocumentVisibility.CustomersOnly)}/download")).StatusCode);

        var rows = await portal.AsAsync(Sales, s => s.GetRequiredService<AccountAnalytics>().ListAsync(domain));
        var row = Assert.Single(rows);
        await using (var db = portal.CreateDbContext())
        {
            var recorded = await db.DocumentActivities.AsNoTracking().Where(a => a.Domain == domain).ToListAsync();
            Assert.Equal(4, recorded.Count(a => a.Kind == DocumentActivityKind.View));
            Assert.Equal(3, recorded.Count(a => a.Kind == DocumentActivityKind.Download));
            Assert.Equal(recorded.Count(a => a.Kind == DocumentActivityKind.View), row.Views);
            Assert.Equal(recorded.Count(a => a.Kind == DocumentActivityKind.Download), row.Downloads);
            Assert.Equal(2, row.Viewers);
            Assert.Equal(2, row.DocumentsViewed);
            Assert.Equal(2, row.DocumentsDownloaded);
            Assert.Equal("Analytics Co", row.Company);
            Assert.Equal(recorded.Max(a => a.AtUtc), row.LastActivityAtUtc, TimeSpan.FromMilliseconds(1));
            // The account opened with the first download, owned by the Sales member who approved its viewers.
            var account = await db.TrustAccounts.AsNoTracking().SingleAsync(a => a.Domain == domain);
            Assert.Equal(row.OwnerUserId, account.OwnerUserId);
            Assert.NotNull(account.OwnerUserId);
        }
        var today = await portal.AsAsync(Sales, s => s.GetRequiredService<AccountAnalytics>().DailyAsync(7, domain));
        Assert.Equal(7, today.Count);
        Assert.Equal((4, 3), (today[^1].Views, today[^1].Downloads));

        using var sales = new PortalClient(portal.BaseAddress);
        await sales.SignInAsync(Sales, PortalFactory.DemoPassword);
        using var csv = await sales.GetAsync("/sales/accounts.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var line = (await csv.Content.ReadAsStringAsync()).Split("\r\n").Single(l => l.Contains(domain, StringComparison.Ordinal));
        Assert.StartsWith($"Analytics Co,{domain},2,4,3,2,2,no,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomersDomain_IsNamedAfterItsOrganization_AndShowsTheNdaAMemberAccepted_WhateverTheAddressCase()
    {
        var domain = $"member-{Guid.NewGuid():N}.example";
        var organizationName = $"Member Org {Guid.NewGuid():N}";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organization = new Organization { Name = organizationName, CreatedAtUtc = DateTime.UtcNow };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            // Addresses keep the case they were typed in; the company is matched on the domain whatever its case.
            var email = $"Member@{domain.ToUpperInvariant()}";
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var member = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Morgan Member", OrganizationId = organization.Id };
            Assert.True((await users.CreateAsync(member, PortalFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(member, Roles.Customer)).Succeeded);
            db.NdaAcceptances.Add(new NdaAcceptance
            {
                OrganizationId = organization.Id, UserId = member.Id, UserName = "Morgan Member", Email = email, NdaVersion = NdaText.Version,
                NdaSha256 = NdaText.Sha256, TypedName = "Morgan Member", AcceptedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        using var colleague = new PortalClient(portal.BaseAddress);
        await portal.SignInViewerAsync(colleague, $"colleague@{domain}");
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/documents/{await portal.DocumentIdAsync(DocumentVisibility.Public)}")).StatusCode);

        var row = Assert.Single(await portal.AsAsync(Sales, s => s.GetRequiredService<AccountAnalytics>().ListAsync(domain)));

        Assert.Equal(organizationName, row.Company);
        Assert.True(row.NdaOnFile);
    }

    [Fact]
    public async Task Reminders_GoToTheOwners_OnceEach_AndOnlyWhenDue()
    {
        var legal = "legal@trustportal.local";
        var title = $"Pen test letter {Guid.NewGuid():N}";
        var legalId = await portal.AsAsync(legal, async s => (await s.GetRequiredService<DocumentAdmin>().OwnersAsync()).Single(o => o.Name == "Lee Legal").UserId);
        byte[] pdf;
        await using (var db = portal.CreateDbContext())
        {
            pdf = await db.TrustDocuments.Where(d => d.Visibility == DocumentVisibility.Public).Select(d => d.Content).FirstAsync();
        }
        var published = await portal.AsAsync(legal, s => s.GetRequiredService<DocumentAdmin>().PublishAsync(new DocumentForm
        {
            Title = title,
            Visibility = DocumentVisibility.Approved,
            OwnerUserId = legalId,
            ExpiresOn = DateOnly.FromDateTime(portal.Time.GetUtcNow().UtcDateTime).AddDays(40),
        }, "letter.pdf", pdf));
        Assert.True(published.Succeeded, published.Summary);

        await SendDueAsync();
        await portal.WaitForOutboxAsync();
        Assert.DoesNotContain(portal.Emails(legal), m => m.Subject!.Contains(title, StringComparison.Ordinal));

        portal.Time.Advance(TimeSpan.FromDays(11));
        await SendDueAsync();
        await portal.WaitForEmailAsync(legal, title);
        await SendDueAsync();
        await portal.WaitForOutboxAsync();
        Assert.Single(portal.Emails(legal), m => m.Subject!.Contains(title, StringComparison.Ordinal));

        // A week after a company's first download, its owner is asked whether the review finished.
        var domain = $"review-{Guid.NewGuid():N}.example";
        using var viewer = new PortalClient(portal.BaseAddress);
        var prospect = await portal.SignInViewerAsync(viewer, $"buyer@{domain}");
        Assert.True((await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().ApproveAsync([prospect.Id], null))).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/documents/{await portal.DocumentIdAsync(DocumentVisibility.Approved)}/download")).StatusCode);
        portal.Time.Advance(TimeSpan.FromDays(6));
        await SendDueAsync();
        await portal.WaitForOutboxAsync();
        var reminderSubject = $"Has {domain} finished its security review?";
        Assert.DoesNotContain(portal.Emails(Sales), m => m.Subject!.Contains(reminderSubject, StringComparison.Ordinal));
        portal.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await SendDueAsync();
        await SendDueAsync();
        var reminder = await portal.WaitForEmailAsync(Sales, reminderSubject);
        Assert.Contains($"/sales/accounts?domain={domain}", reminder.TextBody, StringComparison.Ordinal);
        await portal.WaitForOutboxAsync();
        Assert.Single(portal.Emails(Sales), m => m.Subject!.Contains(reminderSubject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publishing_RefusesWhatIsNotAPdf_AndStoresNothing()
    {
        var legal = "legal@trustportal.local";
        var title = $"Not a pdf {Guid.NewGuid():N}";
        var result = await portal.AsAsync(legal, async s =>
        {
            var admin = s.GetRequiredService<DocumentAdmin>();
            var owner = (await admin.OwnersAsync())[0].UserId;
            return await admin.PublishAsync(new DocumentForm { Title = title, OwnerUserId = owner, ExpiresOn = new DateOnly(2099, 1, 1) }, "x.pdf", "MZ not a pdf"u8.ToArray());
        });
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.MemberNames.Contains("File"));
        await using var db = portal.CreateDbContext();
        Assert.False(await db.TrustDocuments.AnyAsync(d => d.Title == title));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.AsAsync(Sales, s => s.GetRequiredService<DocumentAdmin>().ListAsync()));
    }

    private Task<int> SendDueAsync() => portal.AsAsync(Sales, s => s.GetRequiredService<DocumentReminders>().SendDueAsync());
}
