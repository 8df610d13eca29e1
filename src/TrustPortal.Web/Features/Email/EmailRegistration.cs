using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Email;

public static class EmailRegistration
{
    public static void AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.GiveUpAfter > TimeSpan.Zero, "Email:GiveUpAfter must be positive (default 7.00:00:00).")
            .Validate(o => o.DegradedAfter > TimeSpan.Zero, "Email:DegradedAfter must be positive (default 01:00:00).")
            .Validate(o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Smtp.Security, true, out _), "Email:Smtp:Security is not a MailKit SecureSocketOptions value.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<EmailOutbox>();
        builder.Services.AddSingleton<IMailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupDirectoryMailTransport>(sp)
                : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        builder.Services.AddSingleton<IdentityEmailSender>();
        builder.Services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<IdentityEmailSender>());
        builder.Services.AddScoped<MailDelivery>();
        // Undelivered mail does not stop the portal serving pages, so it degrades health rather than failing it.
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("email", failureStatus: HealthStatus.Degraded);
    }
}
