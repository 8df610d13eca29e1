using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.TrustCenter;

public static class TrustCenterRegistration
{
    public const string CachePolicy = "TrustCenter";

    public static void AddTrustCenter(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrustCenterService>();
        builder.Services.AddOutputCache(options =>
            // Anonymous GETs only (the default policy); the theme cookie changes the markup, so it is part of the key.
            options.AddPolicy(CachePolicy, policy => policy
                .Tag(TrustCenterService.CacheTag)
                .Expire(TimeSpan.FromMinutes(10))
                .VaryByValue(context => new KeyValuePair<string, string>("theme", Theme.IsDark(context) ? "dark" : "light"))));
    }
}
