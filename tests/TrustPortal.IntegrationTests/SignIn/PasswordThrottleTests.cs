using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using static TrustPortal.IntegrationTests.SignIn.SignInTestKit;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>
/// Wrong passwords slow down the address they come from, for that account only; they never lock the account, so a
/// stranger who knows an address cannot keep its owner out.
/// </summary>
public sealed class PasswordThrottleTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WrongPasswords_FromAStranger_DoNotStopTheOwnerFromAnotherAddress()
    {
        var email = await NewCustomerAsync(portal);
        using var stranger = ClientFrom(portal, 2);
        var answers = new List<Attempt>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            answers.Add(await SignInAsync(stranger, email, "Wrong-Passw0rd-" + attempt));
        }

        using var owner = ClientFrom(portal, 3);
        var ownerAttempt = await SignInAsync(owner, email, PortalFactory.DemoPassword);

        Assert.All(answers, a => Assert.False(a.SignedIn));
        Assert.Contains(answers, a => a.Throttled);
        Assert.True(ownerAttempt.SignedIn, $"The owner was refused: {ownerAttempt.Status} {ownerAttempt.Alert}");
        Assert.True(await IsSignedInAsync(owner));
        // The stranger's address still waits, even with the right password: the owner's success is not theirs.
        Assert.True((await SignInAsync(stranger, email, PortalFactory.DemoPassword)).Throttled);
        await using var db = portal.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task WrongPasswords_FromOneAddress_MakeItWaitLongerEachTime_EvenForTheRightPassword()
    {
        var email = await NewCustomerAsync(portal);
        using var attacker = ClientFrom(portal, 4);
        var free = new List<Attempt>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            free.Add(await SignInAsync(attacker, email, "Wrong-Passw0rd-" + attempt));
        }

        var firstWait = await SignInAsync(attacker, email, PortalFactory.DemoPassword);
        await AgeFailuresAsync(portal, TimeSpan.FromSeconds(3));
        var afterFirstWait = await SignInAsync(attacker, email, "Wrong-Passw0rd-3");
        var secondWait = await SignInAsync(attacker, email, PortalFactory.DemoPassword);
        await AgeFailuresAsync(portal, TimeSpan.FromSeconds(3));
        var stillWaiting = await SignInAsync(attacker, email, PortalFactory.DemoPassword);
        await AgeFailuresAsync(portal, TimeSpan.FromSeconds(2));
        var afterSecondWait = await SignInAsync(attacker, email, PortalFactory.DemoPassword);

        Assert.All(free, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.Status);
            Assert.Contains("Invalid login attempt", a.Alert, StringComparison.Ordinal);
        });
        Assert.True(firstWait.Throttled);
        Assert.False(firstWait.SignedIn);
        Assert.InRange(firstWait.RetryAfterSeconds ?? 0, 1, 2);
        Assert.Contains("Too many attempts", firstWait.Alert, StringComparison.Ordinal);
        Assert.NotNull(firstWait.Page.QuerySelector("input[name='_handler'][value='login-link']"));
        Assert.Equal(HttpStatusCode.OK, afterFirstWait.Status);
        Assert.True(secondWait.Throttled);
        Assert.InRange(secondWait.RetryAfterSeconds ?? 0, 3, 4);
        Assert.True(stillWaiting.Throttled);
        Assert.True(afterSecondWait.SignedIn, $"{afterSecondWait.Status} {afterSecondWait.Alert}");
    }

    [Fact]
    public async Task UnknownAddress_GetsExactlyTheAnswersARealAccountGets()
    {
        var real = await NewCustomerAsync(portal);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";
        using var first = ClientFrom(portal, 5);
        using var second = ClientFrom(portal, 6);

        var forReal = new List<Attempt>();
        var forUnknown = new List<Attempt>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            forReal.Add(await SignInAsync(first, real, "Wrong-Passw0rd-" + attempt));
            forUnknown.Add(await SignInAsync(second, unknown, "Wrong-Passw0rd-" + attempt));
        }

        Assert.Equal(forReal.Select(a => a.Status), forUnknown.Select(a => a.Status));
        Assert.Equal(forReal.Select(a => a.Alert), forUnknown.Select(a => a.Alert));
        Assert.Equal(HttpStatusCode.TooManyRequests, forUnknown[^1].Status);
    }
}
