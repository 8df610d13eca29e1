using TrustPortal.Web.Features.DataRetention;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Requests;

/// <summary>The kinds of reviewed request that share the Sales queue and Legal's countersign list.</summary>
public enum RequestType { Baa, DataRetention }

/// <summary>Names, references, slugs and review pages of each request type.</summary>
public static class RequestTypes
{
    public static IReadOnlyList<RequestType> All { get; } = Enum.GetValues<RequestType>();

    public static string DisplayName(this RequestType type) => type switch
    {
        RequestType.Baa => "BAA",
        RequestType.DataRetention => "Data retention",
        _ => throw EnumNames.Unnamed(type),
    };

    /// <summary>The value of the queue's <c>?type=</c> query parameter.</summary>
    public static string Slug(this RequestType type) => type switch
    {
        RequestType.Baa => "baa",
        RequestType.DataRetention => "data-retention",
        _ => throw EnumNames.Unnamed(type),
    };

    public static RequestType? FromSlug(string? slug) => All.Cast<RequestType?>().FirstOrDefault(t => string.Equals(t!.Value.Slug(), slug, StringComparison.OrdinalIgnoreCase));

    public static string Reference(this RequestType type, int reference) => type switch
    {
        RequestType.Baa => $"BAA-R-{reference:0000}",
        RequestType.DataRetention => DataRetentionRules.Ref(reference),
        _ => throw EnumNames.Unnamed(type),
    };

    /// <summary>The request's number when <paramref name="text"/> is a reference such as BAA-R-0042 or dr-r-7.</summary>
    public static (RequestType Type, int Number)? ParseReference(string text)
    {
        foreach (var (type, prefix) in new[] { (RequestType.Baa, "BAA-R-"), (RequestType.DataRetention, "DR-R-") })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && int.TryParse(text[prefix.Length..], out var number))
            {
                return (type, number);
            }
        }
        return null;
    }

    public static string ReviewPath(this RequestType type, Guid id) => $"/sales/{type.Slug()}/{id}";
}
