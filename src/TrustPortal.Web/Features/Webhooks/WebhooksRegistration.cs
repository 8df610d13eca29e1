using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Features.Webhooks;

public static class WebhooksRegistration
{
    public static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.RetryFor > TimeSpan.Zero, "Webhooks:RetryFor must be positive (default 1.00:00:00).")
            .Validate(o => o.DisableAfter > TimeSpan.Zero, "Webhooks:DisableAfter must be positive (default 1.00:00:00).")
            .Validate(o => o.KeepDeliveriesFor >= o.RetryFor, "Webhooks:KeepDeliveriesFor must be at least Webhooks:RetryFor (default 30.00:00:00).")
            .Validate(o => o.Timeout >= TimeSpan.FromSeconds(1) && o.Timeout <= TimeSpan.FromMinutes(1), "Webhooks:Timeout must be between 1 second and 1 minute.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Webhooks:PollInterval must be positive.")
            .Validate(o => o.SendLease >= o.Timeout * 4, "Webhooks:SendLease must be at least four times Webhooks:Timeout.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookConnector>();
        builder.Services.AddHttpClient(WebhookDelivery.ClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A redirect could lead anywhere, including the portal's own network: a 3xx is a failed attempt.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            });
        builder.Services.AddSingleton<WebhookDelivery>();
        builder.Services.AddSingleton<WebhookEndpointHealth>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<WebhookSignal>());
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        builder.Services.AddScoped<WebhookAdmin>();
        builder.Services.AddScoped<WebhookDeliveryLog>();
    }
}
