using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
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

    [Fact]
    public async Task ADraftWaitingForATimestampAuthority_GivesItsSlotToTheNextDraft_AndReleasesItOnlyOnce()
    {
        using var slots = new DraftSlots(Options.Create(new AgreementOptions { DraftConcurrency = 1 }));
        var authority = new WaitingAuthority();
        var lease = await slots.EnterAsync(CancellationToken.None);
        var timestamper = lease.ReleasingBefore(authority)!;
        var next = slots.EnterAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        var token = timestamper.TimestampAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
        var nextLease = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(token.IsCompleted, "the authority has not answered yet");
        authority.Answer();
        Assert.Null(await token);

        lease.Dispose(); // already given back: no second release
        var third = slots.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted, "the slot is still held by the second draft");
        nextLease.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Null(lease.ReleasingBefore(null));
    }

    private sealed class WaitingAuthority : ISealTimestamper
    {
        private readonly TaskCompletionSource<Rfc3161TimestampToken?> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Answer() => answer.SetResult(null);

        public Task<Rfc3161TimestampToken?> TimestampAsync(ReadOnlyMemory<byte> signatureValue, CancellationToken cancellationToken) => answer.Task;
    }
}
