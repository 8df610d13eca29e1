using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Data;

/// <summary>
/// Case-insensitive LIKE that behaves the same on both providers, for any letters, not only ASCII:
/// <c>portal_like(value, pattern)</c> is <c>ILIKE … ESCAPE '\'</c> on PostgreSQL (a SQL function its migrations create)
/// and a function this class registers on every SQLite connection (whose own LIKE folds ASCII letters only).
/// Patterns come from <see cref="SearchPattern.Contains"/>.
/// </summary>
public static class SearchText
{
    public const string FunctionName = "portal_like";

    /// <summary>The SQL that creates the function on PostgreSQL (in a migration).</summary>
    public const string PostgresFunctionSql =
        "CREATE OR REPLACE FUNCTION portal_like(value text, pattern text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        + "AS $$ SELECT value ILIKE pattern ESCAPE '\\' $$;";

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Usable in LINQ to Entities only: true when <paramref name="value"/> matches <paramref name="pattern"/> ignoring case.</summary>
    public static bool Like(string? value, string pattern) =>
        throw new InvalidOperationException($"{nameof(SearchText)}.{nameof(Like)} runs in the database only.");

    internal static void Map(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(SearchText).GetMethod(nameof(Like))!).HasName(FunctionName).HasSchema(null);

    /// <summary>The SQLite implementation: LIKE with '\' as the escape, case folded by Unicode rules.</summary>
    public static bool Matches(string? value, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (value is null)
        {
            return false;
        }
        if (Patterns.Count > 1000)
        {
            Patterns.Clear();
        }
        return Patterns.GetOrAdd(pattern, ToRegex).IsMatch(value);
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == SearchPattern.Escape[0] && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline,
            TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Registers <c>portal_like</c> on each SQLite connection as it opens.</summary>
    public sealed class SqliteFunctions : DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Register(connection);
            return Task.CompletedTask;
        }

        public static void Register(System.Data.Common.DbConnection connection)
        {
            if (connection is SqliteConnection sqlite)
            {
                sqlite.CreateFunction<string?, string, bool>(FunctionName, Matches, isDeterministic: true);
            }
        }
    }
}
