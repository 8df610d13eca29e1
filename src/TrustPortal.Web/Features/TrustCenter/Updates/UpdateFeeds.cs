using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Serialization;
using System.Xml;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.TrustCenter.Updates;

/// <summary>
/// The updates as feeds: Atom 1.0 (<see cref="AtomPath"/>, written by System.ServiceModel.Syndication) and JSON Feed 1.1
/// (<see cref="JsonPath"/>), newest first, the same posts as /updates. Anonymous, read from the database on every request:
/// a post published on any instance is in the next response everywhere.
/// </summary>
public static class UpdateFeeds
{
    public const string AtomPath = "/updates.atom";
    public const string JsonPath = "/updates.json";

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static void MapUpdateFeeds(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AtomPath, Methods, async (UpdateService updates, PublicUrls urls, IOptions<VendorOptions> vendor, CancellationToken cancellationToken) =>
                Results.Text(Atom(await updates.ListAsync(cancellationToken: cancellationToken), urls, vendor.Value), "application/atom+xml; charset=utf-8", Encoding.UTF8))
            .AllowAnonymous();
        app.MapMethods(JsonPath, Methods, async (UpdateService updates, PublicUrls urls, IOptions<VendorOptions> vendor, CancellationToken cancellationToken) =>
                Results.Json(Json(await updates.ListAsync(cancellationToken: cancellationToken), urls, vendor.Value), contentType: "application/feed+json; charset=utf-8"))
            .AllowAnonymous();
    }

    public static string Atom(IReadOnlyList<UpdatePost> posts, PublicUrls urls, VendorOptions vendor)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(vendor);
        var feed = new SyndicationFeed($"{vendor.Name} trust center updates", $"Security notices, incidents, maintenance and subprocessor changes from {vendor.Name}.",
            new Uri(urls.Absolute("/updates")))
        {
            Id = urls.Absolute(AtomPath),
            LastUpdatedTime = posts.Count == 0 ? DateTimeOffset.UnixEpoch : new DateTimeOffset(posts[0].PublishedAtUtc, TimeSpan.Zero),
            Items = posts.Select(post => Entry(post, urls)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(urls.Absolute(AtomPath)), "self", null, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson(vendor.ContactEmail, vendor.Name, urls.Absolute("/")));
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        // StringBuilder output declares UTF-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static SyndicationItem Entry(UpdatePost post, PublicUrls urls)
    {
        var published = new DateTimeOffset(post.PublishedAtUtc, TimeSpan.Zero);
        var item = new SyndicationItem(post.Title, new TextSyndicationContent(post.Body), new Uri(urls.Absolute(UpdateService.PathFor(post.Id))), $"urn:uuid:{post.Id}", published)
        {
            PublishDate = published,
        };
        item.Categories.Add(new SyndicationCategory(post.Category.Slug(), null, post.Category.DisplayName()));
        return item;
    }

    public static JsonFeed Json(IReadOnlyList<UpdatePost> posts, PublicUrls urls, VendorOptions vendor)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(vendor);
        return new JsonFeed(
            "https://jsonfeed.org/version/1.1",
            $"{vendor.Name} trust center updates",
            urls.Absolute("/updates"),
            urls.Absolute(JsonPath),
            "en",
            posts.Select(post => new JsonFeedItem(
                $"urn:uuid:{post.Id}",
                urls.Absolute(UpdateService.PathFor(post.Id)),
                post.Title,
                post.Body,
                new DateTimeOffset(post.PublishedAtUtc, TimeSpan.Zero),
                [post.Category.Slug()])).ToList());
    }
}

/// <summary>A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).</summary>
public sealed record JsonFeed(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("home_page_url")] string HomePageUrl,
    [property: JsonPropertyName("feed_url")] string FeedUrl,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("items")] IReadOnlyList<JsonFeedItem> Items);

public sealed record JsonFeedItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content_text")] string ContentText,
    [property: JsonPropertyName("date_published")] DateTimeOffset DatePublished,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);
