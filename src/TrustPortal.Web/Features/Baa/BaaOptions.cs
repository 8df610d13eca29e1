namespace TrustPortal.Web.Features.Baa;

/// <summary>Settings for BAA requests (section "Baa").</summary>
public sealed class BaaOptions
{
    public const string Section = "Baa";

    /// <summary>Services a BAA can cover; customers choose from these and reviewers check them.</summary>
    public List<string> EligibleServices { get; set; } = [];

    /// <summary>Business days Sales has to respond to a request before it shows as overdue.</summary>
    public int ResponseTimeBusinessDays { get; set; } = 2;

    /// <summary>The list used when configuration names none.</summary>
    public static readonly IReadOnlyList<string> DefaultServices =
    [
        "Chat Completions API",
        "Responses API",
        "Embeddings API",
        "Batch API",
        "Moderation API",
    ];

    public IReadOnlyList<string> Services => EligibleServices.Count > 0 ? EligibleServices : DefaultServices;
}
