using System.ComponentModel.DataAnnotations;

namespace TrustPortal.Web.Shared;

/// <summary>
/// Refuses control characters, invisible spaces and bidirectional overrides: they have no place in a legal document
/// and can make the text read differently from what is stored ("Trojan Source"). Right-to-left scripts, emoji and
/// the joiners they need are fine.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public bool AllowLineBreaks { get; init; }

    public PlainTextAttribute() : base("{0} contains characters that are not allowed.") { }

    public override bool IsValid(object? value) =>
        value is not string text || !text.Any(c => IsHidden(c) || (char.IsControl(c) && !(AllowLineBreaks && c is '\n' or '\r')));

    /// <summary>Zero-width space, word joiner, byte-order mark, and the bidi embeddings, overrides and isolates.</summary>
    public static bool IsHidden(char c) => c is '\u200B' or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}

/// <summary>Names of people and companies never contain angle brackets; refusing them stops markup at the door.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NoMarkupAttribute : ValidationAttribute
{
    public NoMarkupAttribute() : base("{0} cannot contain < or >.") { }

    public override bool IsValid(object? value) => value is not string text || text.IndexOfAny(['<', '>']) < 0;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownCountryAttribute : ValidationAttribute
{
    public KnownCountryAttribute() : base("Choose a country from the list.") { }

    public override bool IsValid(object? value) => value is null or "" || Countries.IsKnown(value as string);
}

/// <summary>Requires a checkbox to be ticked.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MustBeTrueAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is true;
}
