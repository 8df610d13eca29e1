using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TrustPortal.Web.Data;

/// <summary>
/// Stores times as UTC truncated to whole microseconds, the precision PostgreSQL keeps, so a value hashed before it is
/// saved (audit events) is the value read back on either provider; reads come back with <see cref="DateTimeKind.Utc"/>.
/// A time without a kind is taken as UTC, which is what the portal means by every time it keeps.
/// </summary>
public sealed class UtcTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToStored(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    public static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return TruncateToMicroseconds(utc);
    }

    public static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMicrosecond, value.Kind);
}
