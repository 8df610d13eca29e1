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

namespace TrustPortal.Web.Data;

/// <summary>The unit of work. Saving chains any new audit events onto the trail in the same transaction.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    // One writer at a time extends the chain in this process; the unique sequence catches other processes.
    private static readonly SemaphoreSlim AuditChainLock = new(1, 1);

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationInvitation> OrganizationInvitations => Set<OrganizationInvitation>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<ContentSection> ContentSections => Set<ContentSection>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<Subprocessor> Subprocessors => Set<Subprocessor>();
    public DbSet<ContentDraft> ContentDrafts => Set<ContentDraft>();
    public DbSet<SubprocessorSubscription> SubprocessorSubscriptions => Set<SubprocessorSubscription>();
    public DbSet<SubprocessorListVersion> SubprocessorListVersions => Set<SubprocessorListVersion>();
    public DbSet<AgreementTemplate> AgreementTemplates => Set<AgreementTemplate>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementDocument> AgreementDocuments => Set<AgreementDocument>();
    public DbSet<SignatureRequest> SignatureRequests => Set<SignatureRequest>();
    public DbSet<Attestation> Attestations => Set<Attestation>();
    public DbSet<BaaRequest> BaaRequests => Set<BaaRequest>();
    public DbSet<BaaMessage> BaaMessages => Set<BaaMessage>();
    public DbSet<BaaNote> BaaNotes => Set<BaaNote>();
    public DbSet<Soc2Report> Soc2Reports => Set<Soc2Report>();
    public DbSet<NdaAcceptance> NdaAcceptances => Set<NdaAcceptance>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
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

        await AuditChainLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var head = await ReadChainHeadAsync(cancellationToken);
                AuditChain.Link(pending, head.Sequence, head.Hash);
                try
                {
                    return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // Link again only if another process extended the chain meanwhile; any other failure is the caller's.
                    if ((await ReadChainHeadAsync(cancellationToken)).Sequence == head.Sequence)
                    {
                        throw;
                    }
                }
            }
        }
        finally
        {
            AuditChainLock.Release();
        }
    }

    private async Task<(long Sequence, string Hash)> ReadChainHeadAsync(CancellationToken cancellationToken)
    {
        var head = await AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        return head is null ? (0, AuditChain.GenesisHash) : (head.Sequence, head.Hash);
    }

    private List<AuditEvent> PendingAuditEvents() =>
        ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
}
