using System.Text.RegularExpressions;
using Bunit;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Baa.Review;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Layout;

public sealed partial class DisplayNamesTests : PortalComponentTest
{
    /// <summary>The enums whose values people read; each feature names its own values beside the enum.</summary>
    private static readonly IReadOnlyList<Type> UserVisibleEnumTypes =
    [
        typeof(ComplianceFramework), typeof(CertificationStatus), typeof(AttestationStatus), typeof(BaaStatus),
        typeof(CoveredEntityRole), typeof(MonthlyVolume), typeof(AgreementStatus), typeof(AgreementKind),
        typeof(TransferMechanism), typeof(OutboxStatus),
    ];

    /// <summary>The display name of any value of <see cref="UserVisibleEnumTypes"/>.</summary>
    private static string DisplayNameOf(Enum value) => value switch
    {
        ComplianceFramework v => v.DisplayName(),
        CertificationStatus v => v.DisplayName(),
        AttestationStatus v => v.DisplayName(),
        BaaStatus v => v.DisplayName(),
        CoveredEntityRole v => v.DisplayName(),
        MonthlyVolume v => v.DisplayName(),
        AgreementStatus v => v.DisplayName(),
        AgreementKind v => v.DisplayName(),
        TransferMechanism v => v.DisplayName(),
        OutboxStatus v => v.DisplayName(),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a user-visible enum."),
    };

    public static TheoryData<Type> UserVisibleEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in UserVisibleEnumTypes)
        {
            data.Add(type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UserVisibleEnums))]
    public void EveryValue_HasOneReadableDisplayName(Type enumType)
    {
        var names = Enum.GetValues(enumType).Cast<Enum>().Select(v => (Value: v, Name: DisplayNameOf(v))).ToList();

        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n.Name), $"{enumType.Name}.{n.Value} has no display name"));
        // A PascalCase identifier such as "InProgress" or "Soc2Type2" is a leaked enum name, not a display name.
        Assert.All(names, n => Assert.False(CamelHump().IsMatch(n.Name), $"{enumType.Name}.{n.Value} shows as \"{n.Name}\""));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void ComplianceFramework_ShowsAcronyms()
    {
        Assert.Equal("HIPAA", ComplianceFramework.Hipaa.DisplayName());
        Assert.Equal("GDPR", ComplianceFramework.Gdpr.DisplayName());
        Assert.Equal("SOC 2 Type 2", ComplianceFramework.Soc2Type2.DisplayName());
    }

    [Fact]
    public void ReviewPageRelatedCard_ShowsDisplayNames_NotEnumNames()
    {
        var attestations = Enum.GetValues<ComplianceFramework>()
            .SelectMany(f => Enum.GetValues<AttestationStatus>().Select(s => new RelatedAttestation(f, s, null)))
            .ToList();
        var agreements = Enum.GetValues<AgreementKind>()
            .SelectMany(k => Enum.GetValues<AgreementStatus>().Select(s => new RelatedAgreement(Guid.NewGuid(), "DPA-2026-000001", k, s, DateTime.UtcNow)))
            .ToList();

        var card = Render<BaaRelatedCard>(p => p
            .Add(c => c.OrganizationName, "Acme Corporation")
            .Add(c => c.Agreements, agreements)
            .Add(c => c.Attestations, attestations));

        var text = card.Find("[aria-label=Attestations]").TextContent;
        Assert.Contains("HIPAA: Requested", text, StringComparison.Ordinal);
        Assert.Contains("GDPR: Current", text, StringComparison.Ordinal);
        Assert.Contains("SOC 2 Type 2: Not started", text, StringComparison.Ordinal);
        AssertNoRawEnumNames(card.Markup);
    }

    [Fact]
    public void StatusChips_ShowDisplayNames_NotEnumNames()
    {
        foreach (var status in Enum.GetValues<BaaStatus>())
        {
            var chip = Render<BaaStatusChip>(p => p.Add(c => c.Status, status));
            Assert.Equal(status.DisplayName(), chip.Find(".mud-chip-content").TextContent.Trim());
        }
        foreach (var status in Enum.GetValues<AttestationStatus>())
        {
            var chip = Render<AttestationChip>(p => p.Add(c => c.Cell, new AttestationCell(ComplianceFramework.Hipaa, status, null, null, null, null))
                .Add(c => c.ShowFramework, true));
            Assert.Equal($"HIPAA: {status.DisplayName()}", chip.Find(".mud-chip-content").TextContent.Trim());
            AssertNoRawEnumNames(chip.Markup);
        }
    }

    private static void AssertNoRawEnumNames(string markup)
    {
        var text = Tags().Replace(markup, " ");
        foreach (var type in UserVisibleEnumTypes)
        {
            foreach (var value in Enum.GetValues(type).Cast<Enum>())
            {
                var raw = value.ToString();
                if (raw != DisplayNameOf(value))
                {
                    Assert.DoesNotMatch($@"\b{raw}\b", text);
                }
            }
        }
    }

    [GeneratedRegex("[a-z][A-Z]|[a-z][0-9][A-Z]")]
    private static partial Regex CamelHump();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
