using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Email;

public static class EmailRegistration
{
    public static void AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.MaxAttempts > 0, "Email:MaxAttempts must be positive.")
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
    }
}
