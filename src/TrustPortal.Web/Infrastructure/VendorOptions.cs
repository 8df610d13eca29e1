namespace TrustPortal.Web.Infrastructure;

/// <summary>The vendor that runs this portal: named in pages, emails and agreements.</summary>
public sealed class VendorOptions
{
    public const string Section = "Vendor";

    public string Name { get; set; } = "";
    public string LegalName { get; set; } = "";
    public string Address { get; set; } = "";
    public string SignatoryName { get; set; } = "";
    public string SignatoryTitle { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    /// <summary>Public base URL used in emails, e.g. https://trust.example.com.</summary>
    public string PublicUrl { get; set; } = "";
}
