namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>A test with its own receiver, on a portal whose sending the test drives (events raised before it are cleared).</summary>
public abstract class WebhookReceiverTest : IDisposable
{
    protected WebhookReceiverTest(WebhookPortal portal)
    {
        Portal = portal;
        Receiver = new WebhookReceiver(() => portal.Time.GetUtcNow());
        portal.TakeOverSendingAsync().GetAwaiter().GetResult();
    }

    protected WebhookPortal Portal { get; }

    protected WebhookReceiver Receiver { get; }

    public void Dispose()
    {
        Receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
