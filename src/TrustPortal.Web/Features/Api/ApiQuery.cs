using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// Reads query values with a sentence for each mistake, so a bad filter is a 400 that says what to send instead of a
/// silently ignored value. Enum values are the camelCase names the API answers with.
/// </summary>
public sealed class ApiQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string? Problem { get; private set; }

    public T? Enum<T>(string name, string? value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value) || Problem is not null)
        {
            return null;
        }
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(ApiNames.Of(candidate), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        Problem = $"'{name}' must be one of: {string.Join(", ", System.Enum.GetValues<T>().Select(v => ApiNames.Of(v)))}.";
        return null;
    }

    public Guid? Id(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || Problem is not null)
        {
            return null;
        }
        if (System.Guid.TryParse(value, out var id))
        {
            return id;
        }
        Problem = $"'{name}' must be a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.";
        return null;
    }

    public DateOnly? Date(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || Problem is not null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Problem = $"'{name}' must be a date as yyyy-MM-dd (UTC).";
        return null;
    }

    public int Limit(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || Problem is not null)
        {
            return DefaultLimit;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }
        Problem = $"'limit' must be a whole number from 1 to {MaxLimit}.";
        return DefaultLimit;
    }

    /// <summary>The values a cursor carries (as this endpoint wrote them), or null for the first page.</summary>
    public string[]? Cursor(string? value, int parts)
    {
        if (string.IsNullOrEmpty(value) || Problem is not null)
        {
            return null;
        }
        try
        {
            var padded = value.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var values = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            if (values is not null && values.Length == parts && values.All(v => v is not null))
            {
                return values;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            // Reported below.
        }
        Problem = BadCursor;
        return null;
    }

    /// <summary>What a cursor that this endpoint did not issue (or that was edited) gets back.</summary>
    public const string BadCursor = "'cursor' is not a cursor this endpoint issued: pass the nextCursor of the previous page unchanged.";

    /// <summary>
    /// The first part of a cursor as a whole number (a time in ticks, a sequence, a reference); null without a cursor.
    /// Anything else is a <see cref="BadCursor"/>.
    /// </summary>
    public long? CursorNumber(string[]? values)
    {
        if (values is null)
        {
            return null;
        }
        if (long.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        Fail(BadCursor);
        return null;
    }

    public void Fail(string problem) => Problem ??= problem;

    public static string EncodeCursor(params string[] values) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(values)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>How the API names enum values: camelCase, as in the JSON it returns.</summary>
public static class ApiNames
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>One page of a list and the cursor of the next, null on the last page.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);
