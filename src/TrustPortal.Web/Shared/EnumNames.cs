namespace TrustPortal.Web.Shared;

/// <summary>
/// Every user-visible enum has a DisplayName extension beside it, so "Hipaa" or "InProgress" never reaches a reader;
/// a value without a name throws this, and a unit test walks every value.
/// </summary>
public static class EnumNames
{
    public static ArgumentOutOfRangeException Unnamed(Enum value) =>
        new(nameof(value), value, $"{value.GetType().Name}.{value} has no display name.");
}
