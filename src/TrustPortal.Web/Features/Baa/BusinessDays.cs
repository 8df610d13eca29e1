namespace TrustPortal.Web.Features.Baa;

/// <summary>Response-time arithmetic in business days (Monday to Friday, UTC).</summary>
public static class BusinessDays
{
    /// <summary>The moment <paramref name="days"/> business days after (or, when negative, before) <paramref name="startUtc"/>.</summary>
    public static DateTime Add(DateTime startUtc, int days)
    {
        var due = startUtc;
        var step = Math.Sign(days);
        for (var remaining = Math.Abs(days); remaining > 0;)
        {
            due = due.AddDays(step);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                remaining--;
            }
        }
        return due;
    }

    /// <summary>Whole business days elapsed from <paramref name="startUtc"/> to <paramref name="nowUtc"/>.</summary>
    public static int Between(DateTime startUtc, DateTime nowUtc)
    {
        var count = 0;
        for (var day = startUtc.Date.AddDays(1); day <= nowUtc.Date; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }
        return count;
    }
}
