using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Baa;

/// <summary>The outcome of a BAA command: the request's id, or the messages that stopped it (a conflict says so).</summary>
public sealed record BaaResult(Guid? Id, IReadOnlyList<ValidationResult> Errors, bool Conflict = false)
{
    public bool Succeeded => Errors.Count == 0;

    public static BaaResult Ok(Guid id) => new(id, []);

    public static BaaResult Invalid(IReadOnlyList<ValidationResult> errors) => new(null, errors);

    public static BaaResult Invalid(ValidationResult error) => new(null, [error]);

    public static BaaResult Invalid(string message) => new(null, [new ValidationResult(message)]);

    public static BaaResult Conflicted() => new(null,
        [new ValidationResult("Someone else changed this request while you were looking at it. It has been reloaded; check it and decide again.")], Conflict: true);

    public string Message => string.Join(" ", Errors.Select(e => e.ErrorMessage));
}

public sealed record BaaRequestSummary(Guid Id, int Reference, BaaStatus Status, string LegalName, DateTime SubmittedAtUtc, DateTime UpdatedAtUtc, Guid? AgreementId);

public sealed record BaaConversationEntry(bool FromCustomer, string AuthorName, string Text, DateTime CreatedAtUtc);

/// <summary>What the customer sees of a request: never the internal notes or the checklist.</summary>
public sealed record BaaCustomerView(Guid Id, int Reference, BaaStatus Status, Guid Version, DateTime SubmittedAtUtc, BaaUseCase UseCase,
    string? RejectionReason, DateTime? DecidedAtUtc, IReadOnlyList<BaaConversationEntry> Conversation,
    string? SignerName, DateTime? SignedAtUtc, Guid? AgreementId);

/// <summary>Optimistic concurrency for reviewed requests: load the request only as the version the user saw.</summary>
public static class RequestVersions
{
    /// <summary>
    /// The tracked request when it still has <paramref name="version"/>; else the refusal to show. The update then
    /// only applies if the row still has that version, so a decision made meanwhile is never overwritten.
    /// </summary>
    public static async Task<(TRequest? Request, BaaResult? Refusal)> LoadAsync<TRequest>(AppDbContext db, Guid id, Guid version) where TRequest : ReviewedRequest
    {
        var request = await db.Set<TRequest>().FirstOrDefaultAsync(r => r.Id == id);
        if (request is null)
        {
            return (null, BaaResult.Invalid("This request does not exist."));
        }
        if (request.Version != version)
        {
            return (null, BaaResult.Conflicted());
        }
        db.Entry(request).Property(r => r.Version).OriginalValue = version;
        return (request, null);
    }
}
