using System.Security.Cryptography;
using System.Text;

namespace TrustPortal.Web.Features.Soc2;

/// <summary>
/// The click-through non-disclosure agreement a reader accepts before reading the SOC 2 report or any document the
/// library offers under NDA. Changing a word means a new <see cref="Version"/>: acceptances record the version and the
/// hash of the exact text they agreed to, and only an acceptance of the current text unlocks those documents.
/// </summary>
/// <remarks>
/// Version 2 (2026-12-01) covers every document shared under these terms, not only the SOC 2 report, and binds a
/// reader who came with a work email address for the company of that address. Version 1 named the SOC 2 report only,
/// so a version 1 acceptance no longer unlocks anything: readers accept once more.
/// </remarks>
public static class NdaText
{
    public const int Version = 2;

    public const string Title = "Confidentiality terms for our security documents";

    public static readonly DateOnly EffectiveDate = new(2026, 12, 1);

    /// <summary>The opening paragraph, before the numbered clauses.</summary>
    public const string Preamble =
        "These terms are an agreement between you, for yourself and for the organization you act for (\"you\"), and us, "
        + "the provider of this portal and of the services it describes (\"we\" or \"us\"). The organization you act for "
        + "is the one your account belongs to or, if you reached our documents with a work email address, the company "
        + "that address belongs to. The terms let you read security and compliance documents that describe our systems "
        + "and controls in detail we do not make public. You accept them by typing your name and ticking the box below.";

    public static readonly IReadOnlyList<NdaClause> Clauses =
    [
        new("1", "What these terms cover",
            "The \"Materials\" means every document we make available to you through this portal under these terms: our "
            + "SOC 2 reports (including the description of our system, the auditor's tests and results, and any bridge "
            + "letter given with them) and each document of our document library marked as shared under NDA, such as a "
            + "penetration test summary or a security policy. The Materials are our confidential information, including "
            + "any part written by an independent auditor or tester."),
        new("2", "Why you may use them",
            "You may use the Materials only to evaluate our security, availability and confidentiality controls in "
            + "connection with your current or planned use of our services, including for your own vendor-risk, compliance "
            + "and audit processes (the \"Purpose\"). You may not use them for any other purpose, such as building or "
            + "assessing a competing service."),
        new("3", "Keeping them confidential",
            "You will keep the Materials confidential and protect them with at least the care you use for your own "
            + "confidential information of a similar kind, and never less than reasonable care. You may share them only "
            + "with: (a) your employees and contractors who need them for the Purpose; (b) your legal, accounting and "
            + "security advisers, your auditors and your insurers, in each case under a duty of confidentiality at least as "
            + "protective as these terms; and (c) a regulator or supervisory authority that asks for them in the exercise "
            + "of its powers. You are responsible for what anyone you share them with does with them."),
        new("4", "Copies",
            "You will not copy, extract or summarize the Materials beyond what the Purpose needs. Each copy you download "
            + "is marked with your name, organization, email address and the time of download: you will not remove, "
            + "obscure or alter those marks, and you will not publish the Materials or place them anywhere others outside "
            + "section 3 can reach them."),
        new("5", "What is not confidential",
            "These terms do not restrict information that is or becomes public through no fault of yours, that you lawfully "
            + "knew before we gave it to you, that you receive from someone else who is free to share it, or that you "
            + "develop independently without using the Materials."),
        new("6", "Disclosure required by law",
            "If a law, court or authority requires you to disclose any part of the Materials, you may disclose only what "
            + "is required and, where the law allows, you will tell us first so that we can ask for it to be protected."),
        new("7", "Return or destruction",
            "When we ask in writing, or when you no longer need the Materials for the Purpose, you will delete or destroy "
            + "your copies. Copies kept in routine backups, or that a law or your record-keeping policy requires you to "
            + "keep, may stay, but these terms continue to apply to them."),
        new("8", "Our side",
            "We will keep the details you give us when accepting these terms (your name, organization, email address, the "
            + "time, your IP address and your browser's user agent) confidential, and use them only to administer these "
            + "terms, to show who received each copy of the Materials and to keep our records of the compliance documents "
            + "we share."),
        new("9", "No warranty and no license",
            "The Materials describe a past period or a point in time (an audit report is the auditor's opinion about the "
            + "period it covers) and are given to you as they are, for the Purpose only. They give you no license to our "
            + "intellectual property and do not change the agreement under which you use our services. Any restriction on "
            + "use that an auditor or tester states in a document applies as well."),
        new("10", "How long",
            "These terms apply from the moment you accept them. Your duties under them last for three years from the last "
            + "time you receive any of the Materials under them, and for any part of the Materials that is a trade secret, "
            + "for as long as it remains one."),
        new("11", "Remedies",
            "A breach of these terms could harm us in ways money cannot fully make good, so we may ask a court for an "
            + "injunction or similar relief, in addition to any other remedy."),
        new("12", "Governing law and the main agreement",
            "These terms are governed by the law, and disputes go to the courts, chosen in the main agreement between your "
            + "organization and us for our services; if there is none, by the law and courts of the place where we have our "
            + "principal office. If your organization has signed a separate non-disclosure agreement with us that covers the "
            + "Materials, that agreement prevails where it differs from these terms."),
    ];

    /// <summary>The exact text agreed to, one line per paragraph, as hashed.</summary>
    public static string Text { get; } = Compose();

    /// <summary>SHA-256 of <see cref="Text"/> in UTF-8, lower-case hex.</summary>
    public static string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    // Built from the parts with "\n" on every platform, so the hash never depends on how the source file was checked out.
    private static string Compose()
    {
        var text = new StringBuilder();
        text.Append(Title).Append(" (version ").Append(Version).Append(", effective ")
            .Append(EffectiveDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(")\n\n");
        text.Append(Preamble).Append("\n\n");
        foreach (var clause in Clauses)
        {
            text.Append(clause.Number).Append(". ").Append(clause.Heading).Append('\n').Append(clause.Text).Append("\n\n");
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }
}

/// <summary>One numbered clause of the NDA.</summary>
public sealed record NdaClause(string Number, string Heading, string Text);
