using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Data.Demo;

/// <summary>The fictional vendor's trust-center content, written for this portal.</summary>
internal static class DemoContent
{
    public static List<ContentSection> CommitmentSections() =>
    [
        Section(1, "our-promise", "Our promise about your data",
            "Nothing your applications send to the Meridian API is used to train our models unless you opt in.",
            """
            The Meridian API exists so that companies can build our models into their own products. That only works
            if you can trust what happens to the data you send us, so we hold ourselves to three rules:

            - **No training without your consent.** Requests, responses, files and the metadata around them are not
              used to train or improve any model unless your organization has switched on data sharing.
            - **Plain answers.** We explain how API data is handled on this page and keep a dated history of every change.
            - **Security that keeps improving.** We run a formal security program, audited every year, and invest in it continuously.

            These commitments cover the developer API and our business offerings. Our consumer apps have their own terms.
            """),
        Section(2, "training-data", "What our models learn from, and what they never learn from",
            "API traffic sent since 1 March 2023 is excluded from training unless you have opted in.",
            """
            Our models may be trained on:

            - information that is publicly available;
            - data we license from other companies;
            - examples written by our own human reviewers;
            - API traffic received **before 1 March 2023**, except from organizations that opted out at the time.

            Our models are **not** trained on anything sent through the API on or after 1 March 2023 (prompts,
            completions and uploaded files alike) unless your organization has explicitly opted in.
            """),
        Section(3, "static-models", "Models are fixed once they ship",
            "Every model on the API has a fixed version and does not change in response to your requests.",
            """
            A model becomes available on the API only after its training is finished. Each one carries a version
            identifier and stays exactly as released: serving your requests does not retrain it, tune it or update it
            in any way. When we improve a model, we publish it as a new version that you choose to move to.
            """),
        Section(4, "fine-tuning", "Fine-tuning stays inside your organization",
            "Files you upload for fine-tuning train only your own models, and you can delete them whenever you like.",
            """
            Fine-tuning lets you specialize a model by training it further on example pairs that you upload as
            training files. When you do:

            - your training files are used for one purpose only: building models for your organization. Neither we nor
              any other customer use them to train anything else;
            - prompts and completions exchanged with your fine-tuned models are not used to train those models or any other;
            - we keep the fine-tuned model weights on our infrastructure, but no one outside your organization can call them;
            - you can delete your training files and your fine-tuned models at any moment with an API call.
            """),
        Section(5, "ownership", "You own what goes in and what comes out",
            "You keep all rights in your inputs and you own the outputs, within our usage policies and terms.",
            """
            A model's output is a fresh prediction based on patterns learned during training; it is not copied out of
            the training data.

            Between you and us, you keep every right you hold in your inputs, and the outputs belong to you. We place
            no limits on what you do with outputs beyond following our usage policies and terms of service.
            """),
        Section(6, "compliance", "An audited compliance program",
            "SOC 2 Type 2 audited, with GDPR, CCPA and HIPAA (through a BAA) supported.",
            """
            Our security program is designed to meet what enterprises expect, and an independent auditor checks it:

            - a **SOC 2 Type 2** report against the Trust Services Criteria for security;
            - support for your obligations under the **GDPR**, through our Data Processing Addendum;
            - support under the **CCPA** and other US state privacy laws;
            - **HIPAA**, through a Business Associate Agreement for customers whose use case qualifies.

            You can execute our Data Processing Addendum yourself in this portal, and ask for a Business Associate
            Agreement by describing your use case to our team.
            """),
        Section(7, "policy-violations", "When a usage policy is broken",
            "We first ask for a fix; repeated or serious violations can lead to suspension or termination.",
            """
            If we find that an account breaks our usage policies, we will normally contact the customer and ask for the
            problem to be fixed. Violations that are serious or that keep happening may lead us to go further, up to
            suspending or closing the account.
            """),
    ];

    public static List<Certification> Certifications() =>
    [
        new()
        {
            Framework = ComplianceFramework.Soc2Type2, Name = "SOC 2 Type 2", Status = CertificationStatus.Current, Order = 1,
            Summary = "An independent auditor tested our security controls over twelve months against the Trust Services Criteria for security.",
            HowToObtain = "Signed-in customers can download the full report after accepting a short non-disclosure agreement.",
            Auditor = "Harbor & Finch LLP", PeriodStart = new DateOnly(2025, 10, 1), PeriodEnd = new DateOnly(2026, 9, 30),
        },
        new()
        {
            Framework = ComplianceFramework.Gdpr, Name = "GDPR", Status = CertificationStatus.Current, Order = 2,
            Summary = "We act as your processor under Article 28 and support transfers with the EU Standard Contractual Clauses.",
            HowToObtain = "Execute our Data Processing Addendum in the customer portal; the signed PDF is ready in seconds.",
        },
        new()
        {
            Framework = ComplianceFramework.Ccpa, Name = "CCPA and US state privacy laws", Status = CertificationStatus.Current, Order = 3,
            Summary = "We act as your service provider and do not sell or share the personal information you send us.",
            HowToObtain = "The same Data Processing Addendum includes our CCPA service-provider terms.",
        },
        new()
        {
            Framework = ComplianceFramework.Hipaa, Name = "HIPAA", Status = CertificationStatus.Current, Order = 4,
            Summary = "We sign Business Associate Agreements with customers whose use case qualifies.",
            HowToObtain = "Describe your use case in the customer portal; our team reviews it and replies within two business days.",
        },
    ];

    public static List<Subprocessor> Subprocessors() =>
    [
        Sub("Stratus Cloud Services", "Cloud hosting and compute for model inference", "United States, European Union", "All customer data", "https://stratus.example", 2021, 6),
        Sub("Bastion Security Ltd.", "Abuse and fraud monitoring", "United States", "API metadata, account data", "https://bastion.example", 2022, 2),
        Sub("Ledgerline Inc.", "Billing and payment processing", "United States", "Billing contacts, payment details", "https://ledgerline.example", 2021, 6),
        Sub("Helpwise Support", "Customer support ticketing", "European Union", "Support requests, contact details", "https://helpwise.example", 2023, 4),
        Sub("Postmark Relay GmbH", "Transactional email delivery", "European Union", "Email addresses, message content", "https://postrelay.example", 2024, 9),
    ];

    private static ContentSection Section(int order, string slug, string title, string summary, string body) =>
        new() { Order = order, Slug = slug, Title = title, Summary = summary, BodyMarkdown = body.Trim() };

    private static Subprocessor Sub(string name, string purpose, string location, string data, string site, int year, int month) =>
        new() { Name = name, Purpose = purpose, Location = location, DataCategories = data, Website = site, AddedOn = new DateOnly(year, month, 1) };
}
