using TrustPortal.Web.Features.TrustCenter.Updates;

namespace TrustPortal.Web.Data.Demo;

/// <summary>The demo's first posts on /updates: the list's first publication, a maintenance window and a security notice.</summary>
public static class DemoUpdates
{
    public static void Add(AppDbContext db, DateTime now, int subprocessorListVersion, string subprocessorNames)
    {
        ArgumentNullException.ThrowIfNull(db);
        UpdateService.ForSubprocessorList(db, subprocessorListVersion, "First published list of our subprocessors.",
            subprocessorNames, "demo seed", now.AddDays(-20));
        db.UpdatePosts.Add(new UpdatePost
        {
            Category = UpdateCategory.Maintenance,
            Title = "Planned database maintenance for the EU region",
            Body = "We will move the EU region's primary databases to new hardware on Saturday between 02:00 and 03:00 UTC.\n\n"
                + "API requests keep working throughout. The usage dashboard may show data up to ten minutes late during the window. "
                + "No customer data leaves the region.",
            PublishedAtUtc = now.AddDays(-6),
            PublishedBy = "demo seed",
        });
        db.UpdatePosts.Add(new UpdatePost
        {
            Category = UpdateCategory.SecurityNotice,
            Title = "Stricter TLS for the API endpoints",
            Body = "From next month the API accepts TLS 1.2 and 1.3 only, with forward-secret cipher suites.\n\n"
                + "Current official client libraries already comply. If you call the API through an older proxy or SDK, check that it "
                + "negotiates TLS 1.2 or later; our status page lists the cipher suites we keep.",
            PublishedAtUtc = now.AddDays(-2),
            PublishedBy = "demo seed",
        });
    }
}
