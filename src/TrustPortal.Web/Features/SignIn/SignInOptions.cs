namespace TrustPortal.Web.Features.SignIn;

/// <summary>How wrong passwords are slowed down and how emailed sign-in links behave (section "SignIn").</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Wrong passwords from one address for one account before each further attempt must wait.</summary>
    public int FreeFailures { get; set; } = 3;

    /// <summary>The longest wait between attempts from one address for one account (the wait doubles up to it).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a wrong password is remembered when no right one follows from the same address.</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Wrong passwords for one account from all addresses within <see cref="AccountWindow"/> after which password
    /// sign-in to it pauses everywhere (an emailed link still works). One address alone cannot reach the default:
    /// its own waits allow it at most 11 attempts in 15 minutes.
    /// </summary>
    public int AccountCeiling { get; set; } = 20;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an emailed sign-in link works (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in links one account can be sent per <see cref="LinkLifetime"/>, so nobody can flood its inbox.</summary>
    public int LinksPerLifetime { get; set; } = 3;
}
