using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// Sales' side of data-retention requests, with the BAA's workflow and rules: assignment, checklist, questions,
/// approval or rejection. Every change names the version the reviewer saw and is audited.
/// </summary>
public sealed class DataRetentionReviewService(
    IDbContextFactory<AppDbContext> dbFactory,
    RequestReviewWorkflow<DataRetentionRequest, DataRetentionMessage> workflow,
    TimeProvider clock)
{
    public async Task<DataRetentionReviewView?> GetAsync(Guid id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await workflow.LoadAsync(db, id) is not var (request, conversation))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return new DataRetentionReviewView(request.Id, request.Reference, request.Status, request.Version, request.Organization!.Name,
            $"{request.RequestedByName} ({request.RequestedByEmail})", request.SubmittedAtUtc, request.ResponseDueAtUtc,
            BaaRules.IsOverdue(request.Status, request.ResponseDueAtUtc, now),
            JsonSerializer.Deserialize<DataRetentionForm>(request.FormJson, DataRetentionCustomerService.Json) ?? new DataRetentionForm(),
            request.AssignedToUserId, request.AssignedToName,
            new DataRetentionChecklist(request.CheckEndpointsEligible, request.CheckRetentionConfigured, request.CheckNoConflictingFeatures),
            request.DecisionReason, request.DecidedByName, request.DecidedAtUtc, conversation, await RequestThreads.NotesAsync<DataRetentionNote>(db, id));
    }

    /// <summary>Assigns the request to a member of Sales, named by user id; anyone else is refused.</summary>
    public Task<BaaResult> AssignAsync(Guid id, Guid version, string userId) => workflow.AssignAsync(id, version, userId);

    public Task<BaaResult> AssignToMeAsync(Guid id, Guid version) => workflow.AssignToMeAsync(id, version);

    /// <summary>Assigns several requests to the signed-in reviewer at once, as the request queue does.</summary>
    public Task<BaaResult> AssignToMeAsync(IReadOnlyCollection<Guid> ids) => workflow.AssignToMeAsync(ids);

    /// <summary>An internal note for the other reviewers; the customer never sees it.</summary>
    public Task<BaaResult> AddNoteAsync(Guid id, string? text) => workflow.AddNoteAsync<DataRetentionNote>(id, text);

    public Task<BaaResult> SaveChecklistAsync(Guid id, Guid version, DataRetentionChecklist checklist) =>
        workflow.UpdateAsync(id, version, "checklist.saved", request =>
        {
            request.CheckEndpointsEligible = checklist.EndpointsEligible;
            request.CheckRetentionConfigured = checklist.RetentionConfigured;
            request.CheckNoConflictingFeatures = checklist.NoConflictingFeatures;
        });

    public Task<BaaResult> ApproveAsync(Guid id, Guid version) => workflow.ApproveAsync(id, version);

    public Task<BaaResult> RejectAsync(Guid id, Guid version, string? reason) => workflow.RejectAsync(id, version, reason);

    public Task<BaaResult> RequestInformationAsync(Guid id, Guid version, string? question) => workflow.RequestInformationAsync(id, version, question);
}
