using System.Security.Cryptography;
using System.Text;

namespace TrustPortal.Web.Features.Soc2;

/// <summary>
/// The click-through non-disclosure agreement a customer accepts before reading the SOC 2 report. Changing a word
/// means a new <see cref="Version"/>: acceptances record the version and the hash of the exact text they agreed to,
/// and only an acceptance of the current text unlocks the report.
/// </summary>
public static class NdaText
{
    public const int Version = 1;

    public const string Title = "Confidentiality terms for our SOC 2 report";

    public static readonly DateOnly EffectiveDate = new(2026, 11, 1);

    /// <summary>The opening paragraph, before the numbered clauses.</summary>
    public const string Preamble =
        "These terms are an agreement between you, for yourself and for the organization your account belongs to (\"you\"), "
        + "and us, the provider of this portal and of the services it describes (\"we\" or \"us\"). They let you read our "
        + "SOC 2 Type 2 report, which describes our systems and controls in detail that we do not make public. "
        + "You accept them by typing your name and ticking the box below.";

    public static readonly IReadOnlyList<NdaClause> Clauses =
    [
        new("1", "What these terms cover",
            "The \"Report\" means any SOC 2 report we make available to you through this portal, including its "
            + "description of our system, the auditor's tests and results, and any bridge letter or related material we "
            + "give you with it. The Report is our confidential information even though it is written by an independent auditor."),
        new("2", "Why you may use it",
            "You may use the Report only to evaluate our security, availability and confidentiality controls in connection "
            + "with your current or planned use of our services, including for your own vendor-risk, compliance and audit "
            + "processes (the \"Purpose\"). You may not use it for any other purpose, such as building or assessing a competing service."),
        new("3", "Keeping it confidential",
            "You will keep the Report confidential and protect it with at least the care you use for your own confidential "
            + "information of a similar kind, and never less than reasonable care. You may share it only with: (a) your "
            + "employees and contractors who need it for the Purpose; (b) your legal, accounting and security advisers, "
            + "your auditors and your insurers, in each case under a duty of confidentiality at least as protective as "
            + "these terms; and (c) a regulator or supervisory authority that asks for it in the exercise of its powers. "
            + "You are responsible for what anyone you share it with does with it."),
        new("4", "Copies",
            "You will not copy, extract or summarize the Report beyond what the Purpose needs. Each copy you download is "
            + "marked with your name, organization, email address and the time of download: you will not remove, obscure "
            + "or alter those marks, and you will not publish the Report or place it anywhere others outside section 3 can reach it."),
        new("5", "What is not confidential",
            "These terms do not restrict information that is or becomes public through no fault of yours, that you lawfully "
            + "knew before we gave it to you, that you receive from someone else who is free to share it, or that you "
            + "develop independently without using the Report."),
        new("6", "Disclosure required by law",
            "If a law, court or authority requires you to disclose any part of the Report, you may disclose only what is "
            + "required and, where the law allows, you will tell us first so that we can ask for it to be protected."),
        new("7", "Return or destruction",
            "When we ask in writing, or when you no longer need the Report for the Purpose, you will delete or destroy your "
            + "copies. Copies kept in routine backups, or that a law or your record-keeping policy requires you to keep, may "
            + "stay, but these terms continue to apply to them."),
        new("8", "Our side",
            "We will keep the details you give us when accepting these terms (your name, organization, email address, the "
            + "time, your IP address and your browser's user agent) confidential, and use them only to administer these "
            + "terms, to show who received each copy of the Report and to keep our records of your organization's compliance documents."),
        new("9", "No warranty and no license",
            "The Report is the auditor's opinion about a past period and is given to you as it is, for the Purpose only. "
            + "It gives you no license to our intellectual property and does not change the agreement under which you use "
            + "our services. Any restriction on use that the auditor states in the Report applies as well."),
        new("10", "How long",
            "These terms apply from the moment you accept them. Your duties under them last for three years from the "
            + "last time you receive a Report under them, and for any part of the Report that is a trade secret, for as long "
            + "as it remains one."),
        new("11", "Remedies",
            "A breach of these terms could harm us in ways money cannot fully make good, so we may ask a court for an "
            + "injunction or similar relief, in addition to any other remedy."),
        new("12", "Governing law and the main agreement",
            "These terms are governed by the law, and disputes go to the courts, chosen in the main agreement between your "
            + "organization and us for our services; if there is none, by the law and courts of the place where we have our "
            + "principal office. If your organization has signed a separate non-disclosure agreement with us that covers the "
            + "Report, that agreement prevails where it differs from these terms."),
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
