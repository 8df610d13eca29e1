namespace TrustPortal.Web.Features.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "trust@trustportal.local";
    public string FromName { get; set; } = "TrustPortal";
    /// <summary>Where .eml files go when no SMTP host is set; relative paths are under the data directory.</summary>
    public string PickupDirectory { get; set; } = "mail";
    /// <summary>How long a message is retried before it is marked Undelivered for an Admin to retry; it is never deleted.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(7);
    /// <summary>A message still unsent this long after it was queued makes /healthz answer Degraded.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a message is queued, how long the sender waits for more before it sends: messages queued close together
    /// go in one batch, claimed in one commit and marked sent in one, instead of two commits each.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a sender holds a message it is sending; longer than any SMTP send takes.</summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
}
