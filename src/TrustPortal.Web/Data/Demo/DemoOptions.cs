namespace TrustPortal.Web.Data.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo vendor, content, organizations and users. Honoured in Development only.</summary>
    public bool Seed { get; set; }
    public string? Password { get; set; }
}
