using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.Webhooks;

/// <summary>/admin/webhooks as an Admin uses it: register an endpoint, read its secret once, open its delivery log.</summary>
public sealed class WebhooksPage(IPage page)
{
    public ILocator Secret => page.Locator("[data-testid=webhook-secret]");

    public ILocator Row(string text) => page.Locator("tr", new() { HasText = text });

    public async Task RegisterAsync(string url, string description, params string[] events)
    {
        await page.GetByLabel("Receiver URL").FillAsync(url);
        await page.GetByLabel("Description").FillAsync(description);
        foreach (var type in events)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = type }).CheckAsync();
        }
        await page.ClickButtonAsync("Register endpoint");
    }
}
