using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.Requests;

/// <summary>A page of the Sales request queue: type, status, assignee, search, overdue, sort and paging all run in the database.</summary>
public sealed record RequestQueueQuery(
    RequestType? Type = null,
    BaaStatus? Status = null,
    string? Assignee = null,
    string? Search = null,
    bool OverdueOnly = false,
    string SortBy = "age",
    bool Descending = false,
    int Page = 0,
    int PageSize = 25)
{
    public const string Me = "me";
    public const string Unassigned = "unassigned";
}

/// <summary>One request in the queue, whatever its type. <see cref="ResponseBusinessDays"/> is null until Sales first responds.</summary>
public sealed record RequestQueueRow(RequestType Type, Guid Id, int Reference, string OrganizationName, string LegalName, BaaStatus Status,
    string? AssignedToUserId, string? AssignedToName, DateTime SubmittedAtUtc, DateTime DueAtUtc, bool Overdue, int AgeBusinessDays,
    int? ResponseBusinessDays)
{
    public string ReferenceText => Type.Reference(Reference);

    public string ReviewPath => Type.ReviewPath(Id);
}

public sealed record RequestQueueResult(IReadOnlyList<RequestQueueRow> Rows, int Total);

/// <summary>The columns both request tables share, so one SQL query (UNION ALL) can filter, sort and page them together.</summary>
public sealed class RequestQueueItem
{
    public RequestType Type { get; init; }
    public Guid Id { get; init; }
    public int Reference { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string LegalName { get; init; } = "";
    public BaaStatus Status { get; init; }
    public string? AssignedToUserId { get; init; }
    public string? AssignedToName { get; init; }
    public DateTime SubmittedAtUtc { get; init; }
    public DateTime ResponseDueAtUtc { get; init; }
    public DateTime? FirstResponseAtUtc { get; init; }
}
