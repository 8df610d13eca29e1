using Bunit;
using MudBlazor;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Baa.Review;

namespace TrustPortal.Tests.Baa;

/// <summary>Approving emails the customer a BAA to sign, so, like rejecting and countersigning, it asks first.</summary>
public sealed class BaaDecisionCardTests : PortalComponentTest
{
    private int approvals;

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<BaaDecisionCard> Card) RenderInReview()
    {
        var dialogs = Render<MudDialogProvider>();
        var view = new BaaReviewView(Guid.NewGuid(), 7, BaaStatus.InReview, Guid.NewGuid(), "Acme Corporation", "Casey Customer", DateTime.UtcNow,
            DateTime.UtcNow.AddDays(2), false, new BaaUseCase { LegalName = "Acme Health LLC" }, "sales-id", "Sam Sales", new BaaChecklist(true, true, true),
            null, null, null, [], [], [], []);
        var card = Render<BaaDecisionCard>(p => p
            .Add(c => c.View, view)
            .Add(c => c.ChecklistComplete, true)
            .Add(c => c.OnApprove, () => { approvals++; return Task.FromResult(BaaResult.Ok(view.Id)); })
            .Add(c => c.OnReject, _ => Task.FromResult(BaaResult.Ok(view.Id)))
            .Add(c => c.OnRequestInformation, _ => Task.FromResult(BaaResult.Ok(view.Id))));
        return (dialogs, card);
    }

    private static void ClickButton(IRenderedComponent<BaaDecisionCard> card, string text) =>
        card.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Approve_AsksFirst_AndCancelApprovesNothing()
    {
        var (dialogs, card) = RenderInReview();

        ClickButton(card, "Approve…");

        dialogs.WaitForAssertion(() => Assert.Contains("Approve BAA-R-0007?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("Acme Health LLC is emailed a link to sign", dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal(0, approvals);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Approve BAA-R-0007?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, approvals);
    }

    [Fact]
    public void Approve_Confirmed_Approves()
    {
        var (dialogs, card) = RenderInReview();

        ClickButton(card, "Approve…");
        dialogs.WaitForAssertion(() => Assert.Contains("Approve request", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Approve request").Click();

        card.WaitForAssertion(() => Assert.Equal(1, approvals));
    }
}
