using System.Text.RegularExpressions;

namespace TrustPortal.Tests.Architecture;

/// <summary>
/// What keeps agreements right with several instances on one database: one executor renders and seals, and no lock that
/// lives in one process guards numbers, the audit chain or the last Admin.
/// </summary>
public sealed partial class ExecutionRulesTests
{
    private const string Executor = "src/TrustPortal.Web/Features/Agreements/Execution/AgreementExecutor.cs";

    [Fact]
    public void OnlyTheExecutor_RendersAndSealsAgreements()
    {
        var callers = SourceTree.Files("src/TrustPortal.Web")
            .Where(f => File.ReadAllText(f).Contains("RenderAndSeal", StringComparison.Ordinal))
            .Select(SourceTree.Relative)
            .ToList();

        Assert.Equal([Executor], callers);
    }

    [Fact]
    public void WebProject_HasNoProcessWideLock()
    {
        var offenders = SourceTree.Files("src/TrustPortal.Web")
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: SourceTree.Relative(f), Line: i + 1, Text: line)))
            .Where(l => StaticLock().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("private static readonly SemaphoreSlim Gate = new(1, 1);")]
    [InlineData("internal static SemaphoreSlim Gate { get; } = new(1);")]
    [InlineData("private static readonly object Sync = new();")]
    [InlineData("static readonly Lock NumberLock = new();")]
    [InlineData("private static Mutex numbers = new();")]
    public void StaticLockPattern_FindsTheUsualShapes(string line) => Assert.Matches(StaticLock(), line);

    [Theory]
    [InlineData("private readonly SemaphoreSlim signal = new(0, 1);")]
    [InlineData("private static readonly string Name = \"lock\";")]
    public void StaticLockPattern_LeavesInstanceFieldsAndOtherStatics(string line) => Assert.DoesNotMatch(StaticLock(), line);

    [GeneratedRegex(@"\bstatic\b[^=;(]*\b(SemaphoreSlim|object|Lock|Mutex|ReaderWriterLockSlim)\s+\w+\s*(=|\{|;)")]
    private static partial Regex StaticLock();
}
