namespace TrustPortal.Web.Features.Dpa;

/// <summary>A form a page may receive a post for, and the handler that answers it.</summary>
public sealed record PostedFormTarget(string Name, Func<Task> Handler);
