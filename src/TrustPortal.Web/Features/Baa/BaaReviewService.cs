using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Sales' side of BAA requests: what the reviewer sees, and the BAA's checklist; assignment, notes, questions and decisions are the shared <see cref="RequestReviewWorkflow{TRequest, TMessage}"/>. Every decision names
/// the version the reviewer saw; if the request changed since, nothing is overwritten and the reviewer is told.
/// </summary>
public sealed class BaaReviewService(
    IDbContextFactory<AppDbContext> dbFactory,
    RequestReviewWorkflow<BaaRequest, BaaMessage> workflow,
    TimeProvider clock)
{
    public async Task<BaaReviewView?> GetAsync(Guid id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await workflow.LoadAsync(db, id) is not var (request, conversation))
        {
            return null;
        }
        var notes = await RequestThreads.NotesAsync<BaaNote>(db, id);
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.OrganizationId == request.OrganizationId)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => new { a.Id, a.Number, a.Kind, a.Status, a.ExecutedAtUtc }).ToListAsync();
        var attestations = await db.Attestations.AsNoTracking().Where(a => a.OrganizationId == request.OrganizationId)
            .Select(a => new { a.Framework, a.Status, a.EvidenceLabel }).ToListAsync();
        var due = request.ResponseDueAtUtc;
        var now = clock.GetUtcNow().UtcDateTime;
        return new BaaReviewView(request.Id, request.Reference, request.Status, request.Version, request.Organization!.Name,
            $"{request.RequestedByName} ({request.RequestedByEmail})", request.SubmittedAtUtc, due,
            BaaRules.IsOverdue(request.Status, due, now),
            JsonSerializer.Deserialize<BaaUseCase>(request.UseCaseJson, BaaCustomerService.Json) ?? new BaaUseCase(),
            request.AssignedToUserId, request.AssignedToName,
            new BaaChecklist(request.CheckServicesEligible, request.CheckZeroRetentionConfigured, request.CheckNoExcludedFeatures),
            request.DecisionReason, request.DecidedByName, request.DecidedAtUtc, conversation, notes,
            agreements.Select(a => new RelatedAgreement(a.Id, a.Number, a.Kind, a.Status, a.ExecutedAtUtc)).ToList(),
            attestations.Select(a => new RelatedAttestation(a.Framework, a.Status, a.EvidenceLabel)).ToList());
    }

    /// <summary>Assigns one or more requests to the signed-in reviewer; a request that cannot be assigned is skipped and named.</summary>
    public Task<BaaResult> AssignToMeAsync(IReadOnlyCollection<Guid> ids) => workflow.AssignToMeAsync(ids);

    /// <summary>Assigns the request to a member of Sales, named by user id; anyone else is refused.</summary>
    public Task<BaaResult> AssignAsync(Guid id, Guid version, string userId) => workflow.AssignAsync(id, version, userId);

    public Task<BaaResult> AddNoteAsync(Guid id, string? text) => workflow.AddNoteAsync<BaaNote>(id, text);

    public Task<BaaResult> SaveChecklistAsync(Guid id, Guid version, BaaChecklist checklist) =>
        workflow.UpdateAsync(id, version, "checklist.saved", request =>
        {
            request.CheckServicesEligible = checklist.ServicesEligible;
            request.CheckZeroRetentionConfigured = checklist.ZeroRetentionConfigured;
            request.CheckNoExcludedFeatures = checklist.NoExcludedFeatures;
        });

    public Task<BaaResult> ApproveAsync(Guid id, Guid version) => workflow.ApproveAsync(id, version);

    public Task<BaaResult> RejectAsync(Guid id, Guid version, string? reason) => workflow.RejectAsync(id, version, reason);

    public Task<BaaResult> RequestInformationAsync(Guid id, Guid version, string? question) => workflow.RequestInformationAsync(id, version, question);
}
