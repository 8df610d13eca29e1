namespace TrustPortal.Web.Infrastructure;

/// <summary>The outcome of a command: success, or a message the user can act on.</summary>
public sealed record Result(bool Succeeded, string? Error)
{
    public static Result Ok() => new(true, null);
    public static Result Fail(string error) => new(false, error);
}
