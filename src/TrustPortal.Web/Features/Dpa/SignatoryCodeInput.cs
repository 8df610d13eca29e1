namespace TrustPortal.Web.Features.Dpa;

/// <summary>What the signatory types in the code form; <see cref="SignatoryCodes"/> decides whether it is six digits.</summary>
public sealed class SignatoryCodeInput
{
    public string? Value { get; set; }
}

/// <summary>The names of the signing link page's forms.</summary>
public static class DpaSignByLinkForms
{
    public const string SendCode = "send-code";
    public const string VerifyCode = "verify-code";
    public const string Sign = "sign-dpa";

    public static readonly IReadOnlyList<string> All = [SendCode, VerifyCode, Sign];
}
