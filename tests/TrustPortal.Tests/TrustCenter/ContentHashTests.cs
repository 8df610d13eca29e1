using TrustPortal.Web.Features.TrustCenter;

namespace TrustPortal.Tests.TrustCenter;

public sealed class ContentHashTests
{
    private static List<ContentSection> Sections() =>
    [
        new() { Order = 1, Slug = "a", Title = "A", Summary = "s", BodyMarkdown = "one\r\ntwo" },
        new() { Order = 2, Slug = "b", Title = "B", Summary = "s", BodyMarkdown = "three" },
    ];

    [Fact]
    public void Compute_IgnoresLineEndingsAndStoredOrder()
    {
        var sections = Sections();
        var reordered = Sections();
        reordered.Reverse();
        reordered.Single(s => s.Slug == "a").BodyMarkdown = "one\ntwo";

        Assert.Equal(ContentHash.Compute(sections), ContentHash.Compute(reordered));
    }

    [Fact]
    public void Compute_ChangesWhenOneWordChanges()
    {
        var changed = Sections();
        changed[1].BodyMarkdown = "thre";

        Assert.NotEqual(ContentHash.Compute(Sections()), ContentHash.Compute(changed));
    }
}
