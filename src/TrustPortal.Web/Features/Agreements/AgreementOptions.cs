namespace TrustPortal.Web.Features.Agreements;

/// <summary>Settings for executing agreements (section "Agreements").</summary>
public sealed class AgreementOptions
{
    public const string Section = "Agreements";

    /// <summary>Days a customer has to object to a new subprocessor; printed in the DPA, and the delay before a published addition starts processing.</summary>
    public int SubprocessorObjectionDays { get; set; } = 30;

    /// <summary>How long an emailed signing link works.</summary>
    public TimeSpan SignatureLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a code emailed to a link's signatory works.</summary>
    public TimeSpan SignatureCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts at one code, right or wrong, before it stops working and a new one must be requested.</summary>
    public int SignatureCodeAttempts { get; set; } = 5;

    /// <summary>Codes one signing link may send within <see cref="SignatureCodeWindow"/>.</summary>
    public int SignatureCodesPerWindow { get; set; } = 3;

    public TimeSpan SignatureCodeWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Codes one signing link may send in its whole life.</summary>
    public int SignatureCodesPerLink { get; set; } = 10;

    /// <summary>Days the signatory's emailed download link for the executed agreement works.</summary>
    public int SignatoryDownloadDays { get; set; } = 14;

    /// <summary>Largest file accepted for verification.</summary>
    public int MaxVerifyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Drafts of executed PDFs rendered at once by one instance; 0 means one fewer than the cores (at least one).</summary>
    public int DraftConcurrency { get; set; }

    public SealOptions Seal { get; set; } = new();
}

/// <summary>The certificate that seals executed PDFs. Without a path, a self-signed one is made once in the data folder.</summary>
public sealed class SealOptions
{
    public string CertificatePath { get; set; } = "";
    public string CertificatePassword { get; set; } = "";
    public string Location { get; set; } = "";
}
