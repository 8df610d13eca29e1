namespace TrustPortal.Web.Features.SignIn;

public static class SignInRegistration
{
    public static void AddSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>()
            .Bind(builder.Configuration.GetSection(SignInOptions.Section))
            .Validate(o => o.FreeFailures >= 1 && o.AccountCeiling > o.FreeFailures && o.LinksPerLifetime >= 1,
                "SignIn: FreeFailures must be at least 1, AccountCeiling above it, LinksPerLifetime at least 1.")
            .Validate(o => o.MaxDelay > TimeSpan.Zero && o.FailureMemory >= o.MaxDelay && o.AccountWindow > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero,
                "SignIn: MaxDelay, AccountWindow and LinkLifetime must be positive, FailureMemory at least MaxDelay.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DummyPasswordHash>();
        builder.Services.AddScoped<SignInThrottle>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddScoped<SignInLinks>();
        builder.Services.AddScoped<EmailFormLimit>();
        builder.AddStaffSso();
    }
}
