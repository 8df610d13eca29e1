using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace TrustPortal.Tests.Security;

/// <summary>
/// Blazor fails the whole page (a 500) when a typed [SupplyParameterFromQuery] value does not parse ("abc" for an
/// int, "maybe" for a bool), so the portal reads query values as strings and parses them itself.
/// </summary>
public sealed class QueryParameterTests
{
    [Fact]
    public void EveryQueryParameter_InEveryComponent_IsAString()
    {
        var typed = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
            .Where(p => p.PropertyType != typeof(string) && p.PropertyType != typeof(string[]))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}: {p.PropertyType.Name}")
            .ToList();

        Assert.True(typed.Count == 0, $"Query parameters that fail the page on a bad value: {string.Join(", ", typed)}");
    }

    [Fact]
    public void TheConventionCheck_FindsTheQueryParameters()
    {
        var names = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
            .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? p.Name)
            .ToList();

        Assert.Contains("from", names);
        Assert.Contains("RememberMe", names);
    }
}
