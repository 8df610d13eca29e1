using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Tests.Audit;

public sealed class AuditChainTests
{
    private static AuditEvent NewEvent(string action = "agreement.executed") => new()
    {
        OccurredAtUtc = new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc),
        ActorId = "u1",
        ActorName = "legal@trustportal.local",
        Action = action,
        EntityType = "Agreement",
        EntityId = "DPA-2026-000001",
        Data = """{"reason":"test"}""",
        IpAddress = "203.0.113.7",
    };

    [Fact]
    public void Link_NumbersEventsAfterTheHeadAndChainsTheirHashes()
    {
        var first = NewEvent("a");
        var second = NewEvent("b");

        AuditChain.Link([first, second], headSequence: 41, headHash: "ab".PadRight(64, '0'));

        Assert.Equal(42, first.Sequence);
        Assert.Equal(43, second.Sequence);
        Assert.Equal("ab".PadRight(64, '0'), first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(second), second.Hash);
        Assert.Matches("^[0-9a-f]{64}$", second.Hash);
    }

    [Theory]
    [InlineData(nameof(AuditEvent.ActorName))]
    [InlineData(nameof(AuditEvent.Action))]
    [InlineData(nameof(AuditEvent.EntityId))]
    [InlineData(nameof(AuditEvent.Data))]
    [InlineData(nameof(AuditEvent.IpAddress))]
    [InlineData(nameof(AuditEvent.OccurredAtUtc))]
    [InlineData(nameof(AuditEvent.PreviousHash))]
    public void ComputeHash_ChangesWhenAnyRecordedFieldChanges(string field)
    {
        var e = NewEvent();
        AuditChain.Link([e], 0, AuditChain.GenesisHash);
        var original = e.Hash;

        switch (field)
        {
            case nameof(AuditEvent.ActorName): e.ActorName += "x"; break;
            case nameof(AuditEvent.Action): e.Action += "x"; break;
            case nameof(AuditEvent.EntityId): e.EntityId += "x"; break;
            case nameof(AuditEvent.Data): e.Data = "{}"; break;
            case nameof(AuditEvent.IpAddress): e.IpAddress = "198.51.100.1"; break;
            case nameof(AuditEvent.OccurredAtUtc): e.OccurredAtUtc = e.OccurredAtUtc.AddTicks(1); break;
            case nameof(AuditEvent.PreviousHash): e.PreviousHash = new string('1', 64); break;
        }

        Assert.NotEqual(original, AuditChain.ComputeHash(e));
    }

    [Fact]
    public void ComputeHash_FieldsCannotBeShiftedIntoEachOther()
    {
        var a = NewEvent();
        a.EntityType = "Agree";
        a.EntityId = "mentX";
        var b = NewEvent();
        b.EntityType = "Agreement";
        b.EntityId = "X";

        Assert.NotEqual(AuditChain.ComputeHash(a), AuditChain.ComputeHash(b));
    }
}
