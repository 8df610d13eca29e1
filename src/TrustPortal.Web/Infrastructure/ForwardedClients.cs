using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// Behind nginx or another proxy, the client address (rate-limit partitions, audit events, the certificate page of a
/// sealed agreement) must be the visitor's. <c>ForwardedHeaders:KnownProxies</c> lists the proxies' addresses
/// (comma-separated); X-Forwarded-For and X-Forwarded-Proto are believed only from them. With no list, the headers are
/// ignored and the connection's own address counts, so nobody can claim another address by sending the header.
/// </summary>
public static class ForwardedClients
{
    public const string Setting = "ForwardedHeaders:KnownProxies";

    public static void AddForwardedClients(this IHostApplicationBuilder builder)
    {
        var proxies = Parse(builder.Configuration[Setting]);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            // One proxy hop: the address nginx saw is the visitor's.
            options.ForwardLimit = 1;
        });
    }

    public static void UseForwardedClients(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Parse(app.Configuration[Setting]).Count > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    public static IReadOnlyList<IPAddress> Parse(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"{Setting}: '{text}' is not an IP address."))
            .ToList();
}
