using Microsoft.Playwright;
using TrustPortal.Testing;

namespace TrustPortal.E2E;

/// <summary>One portal on a real Kestrel port and one Debian chromium per test class.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public BrowserFixture() : this(new PortalFactory())
    {
    }

    /// <summary>For a fixture that needs a portal set up otherwise (xUnit itself uses the public constructor).</summary>
    protected internal BrowserFixture(PortalFactory portal) => Portal = portal;

    public PortalFactory Portal { get; }
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium, never a downloaded browser build.
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) pointed at the portal.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Portal.BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}
