using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TrustPortal.Web.Features.TrustCenter.Subscriptions;

/// <summary>
/// Signed links for subscribers: a confirmation link that expires, and an unsubscribe link that does not (it sits in
/// every notice). Each has its own Data Protection purpose, so one can never be used as the other.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider provider)
{
    public const string ConfirmPurpose = "subprocessor-subscription-confirm";
    public const string UnsubscribePurpose = "subprocessor-subscription-unsubscribe";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(3);
    private const int MaxTokenLength = 2000;

    private readonly ITimeLimitedDataProtector confirm = provider.CreateProtector(ConfirmPurpose).ToTimeLimitedDataProtector();
    private readonly IDataProtector unsubscribe = provider.CreateProtector(UnsubscribePurpose);

    public string ForConfirmation(Guid subscriptionId) => confirm.Protect(subscriptionId.ToString("N"), ConfirmLifetime);

    public string ForUnsubscribe(Guid subscriptionId) => unsubscribe.Protect(subscriptionId.ToString("N"));

    /// <summary>The subscription a confirmation link names, or null when it was altered, expired or is another kind of link.</summary>
    public Guid? ReadConfirmation(string? token) => Read(confirm, token);

    public Guid? ReadUnsubscribe(string? token) => Read(unsubscribe, token);

    private static Guid? Read(IDataProtector protector, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        try
        {
            return Guid.TryParseExact(protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
