namespace TrustPortal.Web.Features.Documents;

/// <summary>The document library and prospect access (section "Documents").</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>How long a grant lasts, from approval or renewal.</summary>
    public int GrantDays { get; set; } = 30;

    /// <summary>How long a viewer's emailed sign-in link works.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a viewer stays signed in on one browser.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Domains of free email services, refused for access; null means <see cref="DefaultFreeMailDomains"/>.</summary>
    public string[]? FreeMailDomains { get; set; }

    /// <summary>A document's owner is reminded this many days before it lapses.</summary>
    public int ExpiryReminderDays { get; set; } = 30;

    /// <summary>An account's owner is asked whether the company's review finished this many days after its first download.</summary>
    public int ReviewReminderDays { get; set; } = 7;

    public static readonly IReadOnlyList<string> DefaultFreeMailDomains =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "hotmail.co.uk", "outlook.com",
        "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me",
        "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru", "mail.ru", "zoho.com", "qq.com",
        "163.com", "126.com", "fastmail.com", "hey.com", "tutanota.com", "tuta.io", "duck.com", "hushmail.com",
    ];

    public IReadOnlySet<string> FreeMail() =>
        new HashSet<string>(FreeMailDomains is { Length: > 0 } configured ? configured : DefaultFreeMailDomains, StringComparer.OrdinalIgnoreCase);
}
