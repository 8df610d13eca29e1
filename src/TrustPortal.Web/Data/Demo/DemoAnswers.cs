using System.Text;
using TrustPortal.Web.Features.Answers;
using TrustPortal.Web.Features.Answers.Questionnaires;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Web.Data.Demo;

/// <summary>The demo answer library: the vendor's data-privacy and compliance facts as questions customers ask.</summary>
public static class DemoAnswers
{
    private static readonly (string Question, string Body, string Tags, AnswerVisibility Visibility)[] Entries =
    [
        ("Do you train your models on the data we send through the API?",
            "No. Nothing you submit through the API (prompts, completions, files or metadata) is used to train or improve our "
            + "models. The only exception is an organization that explicitly opts in to sharing data, which is off unless you turn it on.",
            "privacy training api", AnswerVisibility.Public),
        ("Can we opt in to sharing API data to improve the models?",
            "Yes, but only by choice. An organization administrator can opt in from the data controls in the customer portal, and can "
            + "opt out again at any time. Without that choice, API data is never used for training.",
            "privacy training data-controls", AnswerVisibility.Public),
        ("Are the models behind the API retrained on live API requests?",
            "No. Models are released to the API once their training is finished, and each released model is a fixed version. "
            + "API traffic does not update them while they are in service.",
            "training models api", AnswerVisibility.Public),
        ("What are the sources of your models' training data?",
            "Training data comes from publicly available sources, data licensed from third parties and data written by human reviewers. "
            + "Data submitted through the API after 1 March 2023 is excluded unless the customer opted in.",
            "training models", AnswerVisibility.Public),
        ("Who owns the inputs and outputs of the API?",
            "You do. Between us and our customers, the customer keeps all rights in its inputs and owns the outputs the models produce for it. "
            + "We place no limits on using those outputs beyond our usage policies and terms of use.",
            "ownership outputs legal", AnswerVisibility.Public),
        ("Is the data in our fine-tuning training files used for other customers?",
            "No. A training file your organization uploads is used only to fine-tune models for your organization. It is not used to train "
            + "our own models or any other customer's model.",
            "fine-tuning privacy training", AnswerVisibility.Public),
        ("Who can access a model fine-tuned with our data?",
            "Only your organization. We retain ownership of the fine-tuned model itself, but no other organization can call it, and the "
            + "requests you send to it are not used to train any model.",
            "fine-tuning access", AnswerVisibility.CustomersOnly),
        ("Can we delete our fine-tuning files and fine-tuned models?",
            "Yes. Your organization can delete its training files and its fine-tuned models whenever it wants, with a single API call.",
            "fine-tuning deletion retention", AnswerVisibility.CustomersOnly),
        ("Can we ask for zero data retention of API inputs and outputs?",
            "Eligible customers can request zero or custom data retention from the data-retention page of the customer portal. "
            + "Our team reviews each request and, once approved, an amendment is signed electronically.",
            "retention privacy data-controls", AnswerVisibility.CustomersOnly),
        ("Do you have a SOC 2 Type 2 report?",
            "Yes. An independent auditor has examined our controls against the Trust Services Criteria for security (SOC 2 Type 2). "
            + "Customers can download the current report from the portal after accepting a short non-disclosure agreement.",
            "soc-2 compliance audit", AnswerVisibility.Public),
        ("Are you GDPR compliant and will you sign a DPA?",
            "Yes. We support our customers' GDPR obligations, and any customer can sign our Data Processing Addendum online in a few "
            + "minutes from the trust center; the executed, sealed PDF is available straight away.",
            "gdpr dpa privacy compliance", AnswerVisibility.Public),
        ("Do you comply with the CCPA and other US state privacy laws?",
            "Yes. Our privacy programme covers the CCPA and other US state privacy laws, and our Data Processing Addendum includes the "
            + "commitments they require of a service provider.",
            "ccpa privacy compliance", AnswerVisibility.Public),
        ("Will you sign a Business Associate Agreement for HIPAA?",
            "Yes, for qualifying use cases. We sign Business Associate Agreements to support customers who are subject to HIPAA. "
            + "Request one from the customer portal and our sales team reviews the use case.",
            "hipaa baa compliance health", AnswerVisibility.Public),
        ("Do you maintain a formal security programme?",
            "Yes. We run a security programme that puts enterprise-grade controls in place across our products and keeps improving them; "
            + "our SOC 2 Type 2 report describes the controls and how they were tested.",
            "security compliance", AnswerVisibility.Public),
        ("What happens if our usage breaks your usage policies?",
            "If we find a violation we first ask the customer to make the necessary changes. Repeated or serious violations can lead to "
            + "further steps, up to suspending or closing the account.",
            "policy legal", AnswerVisibility.CustomersOnly),
    ];

    public static void Add(AppDbContext db, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (question, body, tags, visibility) in Entries)
        {
            db.Answers.Add(new Answer
            {
                Question = question, Body = body, Tags = tags, Visibility = visibility,
                Owner = "Trust team", UpdatedAtUtc = now, UpdatedBy = "demo seed",
            });
        }
    }

    /// <summary>A prospect's questionnaire as Sales would upload it, so the questionnaire pages have something to show.</summary>
    public static async Task AddQuestionnaireAsync(QuestionnaireService questionnaires)
    {
        ArgumentNullException.ThrowIfNull(questionnaires);
        const string csv = """
            Initech vendor security assessment
            ,,
            Ref,Question,Response
            1.1,Do you use data we submit through your API to train your models?,
            1.2,Who owns the output generated for us?,
            1.3,Can we delete fine-tuning files and fine-tuned models?,
            2.1,Do you hold a current SOC 2 Type 2 report?,
            2.2,Will you sign a BAA for protected health information?,
            2.3,Do you offer a data processing agreement under GDPR?,
            """;
        var (result, _) = await questionnaires.ImportAsync(AuditActor.System, "Initech security assessment.csv", Encoding.UTF8.GetBytes(csv), "Initech LLC");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo questionnaire was refused: {result.Error}");
        }
    }
}
