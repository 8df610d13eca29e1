using System.Text.RegularExpressions;

namespace TrustPortal.Tests.Architecture;

/// <summary>
/// Features may use only the features docs/FEATURE-DEPENDENCIES.md allows, that list has no cycle, and the shared
/// kernel (Shared/, Infrastructure/, the Features folder's own _Imports.razor) uses no feature at all.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private const string AllowedFile = "docs/FEATURE-DEPENDENCIES.md";
    private const string FeaturesFolder = "src/TrustPortal.Web/Features";

    private static readonly IReadOnlyList<string> Features =
        Directory.GetDirectories(Path.Combine(SourceTree.Root, FeaturesFolder)).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("obj" or "bin")).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void EveryFeature_UsesOnlyTheFeaturesTheDocumentAllows()
    {
        var allowed = ReadAllowed();
        var unlisted = new List<string>();
        foreach (var feature in Features)
        {
            if (!allowed.TryGetValue(feature, out var mayUse))
            {
                unlisted.Add($"{AllowedFile} has no line for the feature {feature}");
                continue;
            }
            foreach (var file in SourceTree.Files($"{FeaturesFolder}/{feature}"))
            {
                foreach (var used in FeaturesUsedBy(File.ReadAllText(file)).Where(f => f != feature && !mayUse.Contains(f)))
                {
                    unlisted.Add($"{SourceTree.Relative(file)} uses {used}, which {AllowedFile} does not allow for {feature}");
                }
            }
        }
        Assert.True(unlisted.Count == 0, string.Join(Environment.NewLine, unlisted));
    }

    [Fact]
    public void AllowedDependencies_NameOnlyExistingFeatures()
    {
        var unknown = ReadAllowed().SelectMany(entry => entry.Value.Prepend(entry.Key)).Distinct()
            .Where(name => !Features.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"{AllowedFile} names features that do not exist: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void AllowedDependencies_HaveNoCycle()
    {
        var allowed = ReadAllowed();
        var cycle = FindCycle(allowed);
        Assert.True(cycle is null, $"{AllowedFile} allows a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Theory]
    [InlineData("src/TrustPortal.Web/Shared")]
    [InlineData("src/TrustPortal.Web/Infrastructure")]
    public void Kernel_UsesNoFeature(string folder)
    {
        var offending = SourceTree.Files(folder)
            .Concat(Directory.EnumerateFiles(Path.Combine(SourceTree.Root, FeaturesFolder), "*.razor", SearchOption.TopDirectoryOnly))
            .SelectMany(file => FeaturesUsedBy(File.ReadAllText(file)).Select(used => $"{SourceTree.Relative(file)} uses {used}"))
            .Distinct().ToList();
        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void FeaturesUsedBy_FindsUsingsQualifiedNamesAndRazorDirectives()
    {
        const string source = """
            @using TrustPortal.Web.Features.Baa
            using TrustPortal.Web.Features.Audit;
            @inject TrustPortal.Web.Features.Agreements.AgreementQueries Queries
            var ok = Dpa.DpaRules.Validate(draft);
            var host = server.Features.Get<IServerAddressesFeature>();
            var mail = Email.Trim();
            """;
        Assert.Equal(["Agreements", "Audit", "Baa", "Dpa"], FeaturesUsedBy(source).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Features named by a using (C# or Razor), by a qualified name (TrustPortal.Web.Features.X or Features.X), or,
    /// inside the Features namespace, by a partly qualified type name such as <c>Dpa.DpaRules</c>.
    /// </summary>
    private static HashSet<string> FeaturesUsedBy(string source)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in QualifiedFeature().Matches(source))
        {
            used.Add(match.Groups["feature"].Value);
        }
        foreach (Match match in PartlyQualifiedName().Matches(source))
        {
            var feature = match.Groups["feature"].Value;
            if (Features.Contains(feature) && TypesOf(feature).Contains(match.Groups["type"].Value))
            {
                used.Add(feature);
            }
        }
        used.IntersectWith(Features);
        return used;
    }

    private static readonly Dictionary<string, HashSet<string>> TypesByFeature = new(StringComparer.Ordinal);

    /// <summary>The types a feature declares (classes, records, enums, interfaces, structs and Razor components).</summary>
    private static HashSet<string> TypesOf(string feature)
    {
        lock (TypesByFeature)
        {
            if (!TypesByFeature.TryGetValue(feature, out var types))
            {
                types = new HashSet<string>(StringComparer.Ordinal);
                foreach (var file in SourceTree.Files($"{FeaturesFolder}/{feature}"))
                {
                    if (file.EndsWith(".razor", StringComparison.Ordinal))
                    {
                        types.Add(Path.GetFileNameWithoutExtension(file));
                    }
                    foreach (Match match in TypeDeclaration().Matches(File.ReadAllText(file)))
                    {
                        types.Add(match.Groups["name"].Value);
                    }
                }
                TypesByFeature[feature] = types;
            }
            return types;
        }
    }

    /// <summary>Lines such as <c>- Baa -> Agreements, Audit</c>; <c>(none)</c> or nothing after the arrow allows none.</summary>
    private static Dictionary<string, HashSet<string>> ReadAllowed()
    {
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(SourceTree.Root, AllowedFile)))
        {
            var match = AllowedLine().Match(line);
            if (!match.Success)
            {
                continue;
            }
            var uses = match.Groups["uses"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(name => name != "(none)");
            Assert.True(allowed.TryAdd(match.Groups["feature"].Value, [.. uses]), $"{AllowedFile} lists {match.Groups["feature"].Value} twice");
        }
        Assert.True(allowed.Count > 0, $"{AllowedFile} lists no feature (expected lines such as \"- Baa -> Agreements, Audit\")");
        return allowed;
    }

    /// <summary>One cycle of the graph as its path (first feature repeated at the end), or null when there is none.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                return [.. path.Skip(at), node];
            }
            if (!done.Add(node))
            {
                return null;
            }
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    [GeneratedRegex(@"(?:TrustPortal\.Web\.|(?<![\w.]))Features\.(?<feature>\w+)")]
    private static partial Regex QualifiedFeature();

    [GeneratedRegex(@"(?<![\w.])(?<feature>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex PartlyQualifiedName();

    [GeneratedRegex(@"\b(?:class|record|enum|interface|struct)\s+(?<name>\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*[-*]\s*`?(?<feature>\w+)`?\s*(?:->|→)\s*(?<uses>.*)$")]
    private static partial Regex AllowedLine();
}
