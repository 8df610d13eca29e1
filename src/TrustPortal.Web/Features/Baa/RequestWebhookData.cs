namespace TrustPortal.Web.Features.Baa;

/// <summary>What <c>baa.submitted</c> and <c>baa.decided</c> carry: the request as Sales sees it, without the customer's answers.</summary>
public static class RequestWebhookData
{
    public static object Of<TRequest, TMessage>(RequestKind<TRequest, TMessage> kind, TRequest request)
        where TRequest : ReviewedRequest where TMessage : RequestMessage, new() => new
    {
        requestId = request.Id,
        reference = kind.Ref(request.Reference),
        request.OrganizationId,
        customerLegalName = request.Customer.LegalName,
        status = request.Status.ToString(),
        submittedAt = request.SubmittedAtUtc,
        decidedAt = request.DecidedAtUtc,
        decisionReason = request.DecisionReason,
    };
}
