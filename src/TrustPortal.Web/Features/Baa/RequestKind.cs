namespace TrustPortal.Web.Features.Baa;

/// <summary>An email to send: its subject and plain text.</summary>
public sealed record RequestEmail(string Subject, string Text);

/// <summary>
/// What a request type supplies to <see cref="RequestReviewWorkflow{TRequest, TMessage}"/> and <see cref="RequestCustomerWorkflow{TRequest, TMessage}"/>: its names, references, pages,
/// counter, approval rule and the wording of its emails. Everything else about a request is the same for every type.
/// </summary>
public abstract class RequestKind<TRequest, TMessage> where TRequest : ReviewedRequest where TMessage : RequestMessage, new()
{
    /// <summary>The first part of every audit action, such as "baa" in "baa.approved".</summary>
    public abstract string AuditPrefix { get; }

    /// <summary>The webhook events a submission and a decision (approve or reject) raise; null raises none.</summary>
    public virtual (string Submitted, string Decided)? WebhookEvents => null;

    /// <summary>How messages name the type before "request": "BAA", "data-retention".</summary>
    public abstract string Noun { get; }

    /// <summary>How refusals name the type: "BAA requests".</summary>
    public abstract string Plural { get; }

    /// <summary>The row in the database counter table that numbers this type's requests.</summary>
    public abstract string ReferenceCounter { get; }

    public abstract string Ref(int reference);

    public abstract string ReviewPath(Guid id);

    public abstract string CustomerPath(Guid id);

    /// <summary>Who on the customer's side hears about decisions and questions.</summary>
    public virtual IEnumerable<string> CustomerAddresses(TRequest request) => [request.RequestedByEmail];

    /// <summary>Why the request cannot be approved yet (an unticked checklist), or null when it can.</summary>
    public abstract string? ApprovalRefusal(TRequest request);

    public abstract RequestEmail Submitted(TRequest request, string reviewLink);

    public abstract RequestEmail Approved(TRequest request, string customerLink);

    public abstract RequestEmail Rejected(TRequest request, string customerLink);

    public abstract RequestEmail Question(TRequest request, string question, string customerLink);

    public abstract RequestEmail CustomerSigned(TRequest request, string countersignLink);

    /// <summary>What the customer's answer email to the assigned reviewer says.</summary>
    public virtual RequestEmail Answered(TRequest request, string author, string answer, string reviewLink) =>
        new($"{Ref(request.Reference)}: {request.Customer.LegalName} answered your question",
            $"{author} answered:\n\n{answer}\n\nContinue the review here:\n{reviewLink}");
}
