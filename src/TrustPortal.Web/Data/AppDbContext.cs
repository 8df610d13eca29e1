using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.SignIn;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Data;

/// <summary>
/// The unit of work. Saving chains any new audit events onto the trail in the same transaction. The running portal uses
/// a provider's subclass (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>), which only names
/// that provider's migrations; the model is this one.
/// </summary>
/// <param name="auditChain">Signs and links audit events; contexts built by hand without it cannot record them.</param>
public class AppDbContext(DbContextOptions options, AuditChainWriter? auditChain = null) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationInvitation> OrganizationInvitations => Set<OrganizationInvitation>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<ContentSection> ContentSections => Set<ContentSection>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<Subprocessor> Subprocessors => Set<Subprocessor>();
    public DbSet<ContentDraft> ContentDrafts => Set<ContentDraft>();
    public DbSet<SubprocessorSubscription> SubprocessorSubscriptions => Set<SubprocessorSubscription>();
    public DbSet<SubprocessorListVersion> SubprocessorListVersions => Set<SubprocessorListVersion>();
    public DbSet<Features.TrustCenter.Updates.UpdatePost> UpdatePosts => Set<Features.TrustCenter.Updates.UpdatePost>();
    public DbSet<SubprocessorChange> SubprocessorChanges => Set<SubprocessorChange>();
    public DbSet<AgreementTemplate> AgreementTemplates => Set<AgreementTemplate>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementDocument> AgreementDocuments => Set<AgreementDocument>();
    public DbSet<SignatureRequest> SignatureRequests => Set<SignatureRequest>();
    public DbSet<SignatureCode> SignatureCodes => Set<SignatureCode>();
    public DbSet<Attestation> Attestations => Set<Attestation>();
    public DbSet<BaaRequest> BaaRequests => Set<BaaRequest>();
    public DbSet<BaaMessage> BaaMessages => Set<BaaMessage>();
    public DbSet<BaaNote> BaaNotes => Set<BaaNote>();
    public DbSet<Soc2Report> Soc2Reports => Set<Soc2Report>();
    public DbSet<NdaAcceptance> NdaAcceptances => Set<NdaAcceptance>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<EmailFormAttempt> EmailFormAttempts => Set<EmailFormAttempt>();
    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<Features.Dpa.DpaWizardDraft> DpaWizardDrafts => Set<Features.Dpa.DpaWizardDraft>();
    public DbSet<StoredSealCertificate> SealCertificates => Set<StoredSealCertificate>();
    public DbSet<Features.Agreements.Certificates.SealingCertificate> SealingCertificates => Set<Features.Agreements.Certificates.SealingCertificate>();
    public DbSet<Features.DataControls.DataSharingElection> DataSharingElections => Set<Features.DataControls.DataSharingElection>();
    public DbSet<Features.DataRetention.DataRetentionRequest> DataRetentionRequests => Set<Features.DataRetention.DataRetentionRequest>();
    public DbSet<Features.DataRetention.DataRetentionMessage> DataRetentionMessages => Set<Features.DataRetention.DataRetentionMessage>();
    public DbSet<Features.Api.Tokens.ApiToken> ApiTokens => Set<Features.Api.Tokens.ApiToken>();
    public DbSet<Features.DataRetention.DataRetentionNote> DataRetentionNotes => Set<Features.DataRetention.DataRetentionNote>();
    public DbSet<Features.Documents.TrustDocument> TrustDocuments => Set<Features.Documents.TrustDocument>();
    public DbSet<Features.Documents.TrustViewer> TrustViewers => Set<Features.Documents.TrustViewer>();
    public DbSet<Features.Documents.TrustViewerLink> TrustViewerLinks => Set<Features.Documents.TrustViewerLink>();
    public DbSet<Features.Documents.DocumentActivity> DocumentActivities => Set<Features.Documents.DocumentActivity>();
    public DbSet<Features.Documents.TrustAccount> TrustAccounts => Set<Features.Documents.TrustAccount>();
    public DbSet<Features.Answers.Answer> Answers => Set<Features.Answers.Answer>();
    public DbSet<Features.Answers.Questionnaires.Questionnaire> Questionnaires => Set<Features.Answers.Questionnaires.Questionnaire>();
    public DbSet<Features.Answers.Questionnaires.QuestionnaireRow> QuestionnaireRows => Set<Features.Answers.Questionnaires.QuestionnaireRow>();
    public DbSet<Features.Answers.Questionnaires.QuestionnaireFile> QuestionnaireFiles => Set<Features.Answers.Questionnaires.QuestionnaireFile>();
    public DbSet<Features.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Features.Webhooks.WebhookEndpoint>();
    public DbSet<Features.Webhooks.WebhookEvent> WebhookEvents => Set<Features.Webhooks.WebhookEvent>();
    public DbSet<Features.Webhooks.WebhookMessage> WebhookMessages => Set<Features.Webhooks.WebhookMessage>();
    public DbSet<Features.Webhooks.WebhookAttempt> WebhookAttempts => Set<Features.Webhooks.WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SearchText.Map(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // Every stored time is UTC, kept to the microsecond (what PostgreSQL keeps), and read back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (PendingAuditEvents().Count > 0)
        {
            throw new InvalidOperationException("Audit events must be saved with SaveChangesAsync.");
        }
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = PendingAuditEvents();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var chain = auditChain ?? throw new InvalidOperationException("Recording audit events needs the audit chain key: create the context through IDbContextFactory<AppDbContext>.");

        // The head is locked, read and moved in the same transaction as the events, whether it is ours or the caller's.
        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var head = await chain.ExtendAsync(this, pending, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
                // Inside a caller's transaction the checkpoint waits for the next save we commit ourselves: lagging is safe.
                chain.Committed(head);
            }
            return saved;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    private List<AuditEvent> PendingAuditEvents() =>
        ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
}
