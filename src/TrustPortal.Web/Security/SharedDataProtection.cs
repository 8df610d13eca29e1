using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Security;

/// <summary>
/// The keys behind sign-in cookies, antiforgery tokens, signing and unsubscribe links live in the database
/// (<c>DataProtectionKeys</c>), so every instance reads and writes the same ring and a restored backup keeps everyone
/// signed in. At rest: with <c>DataProtection:CertificatePath</c> (a PFX, password in
/// <c>DataProtection:CertificatePassword</c>) each key is encrypted to that certificate, which every instance must have;
/// without it the keys are stored as plain XML and are as safe as the database and its backups.
/// </summary>
public static class SharedDataProtection
{
    public static void AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("TrustPortal")
            .PersistKeysToDbContext<AppDbContext>();
        var path = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            protection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"]));
        }
    }
}
