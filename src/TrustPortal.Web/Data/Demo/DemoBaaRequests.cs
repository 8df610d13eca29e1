using System.Text.Json;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Data.Demo;

/// <summary>BAA requests in several states, so the Sales queue has work on first run.</summary>
public static class DemoBaaRequests
{
    /// <summary>Adds the requests; returns the organizations that now have one open.</summary>
    public static IReadOnlyList<Guid> Add(AppDbContext db, AuditTrail audit, IReadOnlyDictionary<string, Guid> organizations, ApplicationUser sales, DateTime now)
    {
        var requests = new[]
        {
            Request(1, organizations["Umbrella Health"], "Umbrella Health, Inc.", "Uma Ortega", "privacy@umbrella-health.example",
                CoveredEntityRole.CoveredEntity, true, now.AddDays(-6), BaaStatus.Submitted),
            Request(2, organizations["Stark Analytics"], "Stark Analytics LLC", "Sol Stark", "legal@stark-analytics.example",
                CoveredEntityRole.BusinessAssociate, false, now.AddHours(-20), BaaStatus.InReview, sales),
            Request(3, organizations["Initech LLC"], "Initech LLC", "Ida Nguyen", "compliance@initech.example",
                CoveredEntityRole.BusinessAssociate, true, now.AddDays(-3), BaaStatus.InformationRequested, sales),
            Request(4, organizations["Globex Inc."], "Globex Incorporated", "Gale Globex", "customer@globex.example",
                CoveredEntityRole.CoveredEntity, false, now.AddDays(-8), BaaStatus.Approved, sales),
        };
        db.BaaRequests.AddRange(requests);
        db.BaaMessages.Add(new BaaMessage
        {
            RequestId = requests[2].Id, FromCustomer = false, AuthorName = sales.DisplayName, CreatedAtUtc = now.AddDays(-1),
            Text = "Do any browser clients call the API directly, or does all PHI pass through your backend first?",
        });
        // Globex's request was approved after one question and its answer.
        db.BaaMessages.Add(new BaaMessage
        {
            RequestId = requests[3].Id, FromCustomer = false, AuthorName = sales.DisplayName, CreatedAtUtc = now.AddDays(-6),
            Text = "Are the visit notes de-identified before they reach the API, or do they still carry patient names?",
        });
        db.BaaMessages.Add(new BaaMessage
        {
            RequestId = requests[3].Id, FromCustomer = true, AuthorName = "Gale Globex", CreatedAtUtc = now.AddDays(-5),
            Text = "They carry names and dates of birth, which is why we need the BAA. Nothing else leaves our backend.",
        });
        db.BaaNotes.Add(new BaaNote
        {
            RequestId = requests[1].Id, AuthorName = sales.DisplayName, CreatedAtUtc = now.AddHours(-2),
            Text = "Account team confirms Stark only uses the Batch API today; check the Embeddings use before approving.",
        });
        foreach (var request in requests)
        {
            audit.Record(db, AuditActor.System, "baa.submitted", nameof(BaaRequest), request.Id.ToString(), new { reference = BaaKind.Reference(request.Reference), note = "demo seed" });
        }
        return requests.Select(r => r.OrganizationId).ToList();
    }

    private static BaaRequest Request(int reference, Guid organizationId, string legalName, string contact, string email, CoveredEntityRole role,
        bool zeroRetention, DateTime submitted, BaaStatus status, ApplicationUser? reviewer = null)
    {
        var useCase = new BaaUseCase
        {
            LegalName = legalName,
            Address = "100 Main Street\nSpringfield",
            Country = "United States",
            Role = role,
            Services = [BaaOptions.DefaultServices[0], BaaOptions.DefaultServices[2]],
            PhiKinds = [BaaChoices.PhiKinds[0], BaaChoices.PhiKinds[2]],
            Volume = MonthlyVolume.UpTo100k,
            ZeroDataRetention = zeroRetention,
            PhiFlow = "Our backend sends de-duplicated visit notes to the API over TLS to draft discharge summaries; clinicians review every draft.",
            Safeguards = [BaaChoices.Safeguards[0], BaaChoices.Safeguards[1], BaaChoices.Safeguards[2]],
            GoLive = submitted.Date.AddDays(60),
            ContactName = contact,
            ContactEmail = email,
        };
        var approved = status == BaaStatus.Approved;
        return new BaaRequest
        {
            Reference = reference,
            OrganizationId = organizationId,
            Status = status,
            RequestedByUserId = "",
            RequestedByName = contact,
            RequestedByEmail = email,
            SubmittedAtUtc = submitted,
            UpdatedAtUtc = submitted,
            Customer = new PartyDetails { LegalName = legalName, Address = useCase.Address, Country = useCase.Country },
            Role = role,
            UseCaseJson = JsonSerializer.Serialize(useCase, BaaCustomerService.Json),
            ZeroDataRetentionRequired = zeroRetention,
            GoLiveDate = DateOnly.FromDateTime(useCase.GoLive.Value),
            ContactName = contact,
            ContactEmail = email,
            AssignedToUserId = reviewer?.Id,
            AssignedToName = reviewer?.DisplayName,
            FirstResponseAtUtc = reviewer is null ? null : submitted.AddHours(4),
            CheckServicesEligible = approved,
            CheckNoExcludedFeatures = approved,
            CheckZeroRetentionConfigured = approved && zeroRetention,
            DecidedByName = approved ? reviewer?.DisplayName : null,
            DecidedAtUtc = approved ? submitted.AddDays(1) : null,
        };
    }
}
