using Microsoft.Extensions.Options;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;

namespace TrustPortal.Tests.Agreements;

public sealed class DraftSlotsTests
{
    [Fact]
    public void ByDefault_LeavesOneCoreForTheTransaction_AndNeverFewerThanOneSlot()
    {
        using var slots = new DraftSlots(Options.Create(new AgreementOptions()));
        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), slots.Count);
    }

    [Fact]
    public void ConfiguredConcurrency_IsUsed()
    {
        using var slots = new DraftSlots(Options.Create(new AgreementOptions { DraftConcurrency = 3 }));
        Assert.Equal(3, slots.Count);
    }

    [Fact]
    public async Task WithEverySlotTaken_TheNextDraftWaits_UntilOneIsReleased_InArrivalOrder()
    {
        using var slots = new DraftSlots(Options.Create(new AgreementOptions { DraftConcurrency = 1 }));
        var first = await slots.EnterAsync(CancellationToken.None);
        var second = slots.EnterAsync(CancellationToken.None);
        var third = slots.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first.Dispose();
        var secondLease = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(third.IsCompleted);
        secondLease.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AWaitingDraft_CanBeCancelled_WithoutTakingASlot()
    {
        using var slots = new DraftSlots(Options.Create(new AgreementOptions { DraftConcurrency = 1 }));
        using var held = await slots.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = slots.EnterAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
