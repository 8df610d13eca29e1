using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;

namespace TrustPortal.IntegrationTests.Admin;

/// <summary>Shared steps: acting as the demo Admin, adding a subprocessor and publishing the list.</summary>
internal static partial class AdminTestData
{
    public const string Admin = "admin@trustportal.local";

    public static async Task<PublishResult> AddAndPublishAsync(PortalFactory portal, string summary = "Added a test subprocessor.")
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));
        var service = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();
        var name = $"Test Processor {Guid.NewGuid():N}"[..30];
        var saved = await service.SaveAsync(new SubprocessorInput
        {
            Name = name, Purpose = "Testing notices", Location = "European Union", DataCategories = "Account data",
            Website = "https://processor.example/privacy",
        });
        Assert.True(saved.Succeeded, saved.Error ?? string.Join(" ", saved.Errors.Values));
        var published = await service.PublishAsync(summary);
        Assert.True(published.Succeeded, published.Error);
        return published;
    }

    public static async Task<int> NoticeCountAsync(PortalFactory portal, string email)
    {
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.CountAsync(m => m.To == email && m.Subject.Contains("subprocessor list updated"));
    }

    public static Uri LinkIn(string text, string path) =>
        new(Regex.Match(text, $@"https?://\S+{Regex.Escape(path)}\?\S+").Value is { Length: > 0 } link
            ? link
            : throw new InvalidOperationException($"No {path} link in: {text}"));

    [GeneratedRegex(@"[?&](token|code)=([^&\s]+)")]
    public static partial Regex TokenParameter();
}
