namespace TrustPortal.Web.Data.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo vendor, content, organizations and users. Honored in Development only.</summary>
    public bool Seed { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// Base32 authenticator key given to the demo staff, who need two-factor sign-in like all staff. Printed at start-up
    /// so a demo can add it to an authenticator app.
    /// </summary>
    public string? AuthenticatorKey { get; set; }
}
