using Bunit;
using MudBlazor.Services;

namespace TrustPortal.Tests;

/// <summary>The shared bUnit base: MudBlazor's services and a JS runtime that accepts any call, as MudBlazor's own tests do.</summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    protected PortalComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Some MudBlazor services only dispose asynchronously; xunit 2 calls this before Dispose, which is then a no-op.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
