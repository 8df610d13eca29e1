namespace TrustPortal.Web.Features.Webhooks;

/// <summary>The events an endpoint can subscribe to: the names receivers switch on, so they never change once shipped.</summary>
public static class WebhookEventTypes
{
    public const string AgreementExecuted = "agreement.executed";
    public const string AgreementVoided = "agreement.voided";
    public const string BaaSubmitted = "baa.submitted";
    public const string BaaDecided = "baa.decided";
    public const string AttestationChanged = "attestation.changed";
    /// <summary>Raised by prospect access (documents behind a request) when Sales grants a prospect access.</summary>
    public const string AccessGranted = "access.granted";
    public const string SubprocessorsPublished = "subprocessors.published";
    public const string DataSharingChanged = "data_sharing.changed";
    /// <summary>
    /// Sent only when an Admin presses "Send a test event", to that one endpoint whatever it subscribes to; never
    /// subscribable, so not in <see cref="All"/>.
    /// </summary>
    public const string Test = "webhook.test";

    /// <summary>Every event with what it means, in the order the admin page lists them.</summary>
    public static readonly IReadOnlyList<(string Type, string Description)> All =
    [
        (AgreementExecuted, "A DPA, BAA or other agreement is executed."),
        (AgreementVoided, "Legal voids an executed agreement."),
        (BaaSubmitted, "A customer submits a BAA request."),
        (BaaDecided, "Sales approves or rejects a BAA request."),
        (AttestationChanged, "An organization's compliance status changes for a framework."),
        (AccessGranted, "A prospect is granted access to gated documents."),
        (SubprocessorsPublished, "A new version of the subprocessor list is published."),
        (DataSharingChanged, "A customer opts in to or out of data sharing."),
    ];

    public static bool IsKnown(string type) => All.Any(e => e.Type == type);
}
