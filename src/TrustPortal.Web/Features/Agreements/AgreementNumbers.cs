using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// Numbers like DPA-2026-000123: consecutive per kind and year, from a counter row incremented in the transaction that
/// stores the agreement (see <see cref="DatabaseCounters"/>). A rolled-back execution gives its number back.
/// </summary>
public static class AgreementNumbers
{
    public static async Task<(int Sequence, string Number)> NextAsync(AppDbContext db, AgreementKind kind, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sequence = (int)await DatabaseCounters.NextAsync(db, DatabaseCounters.AgreementNumber(kind.ToString(), year),
            () => LastStoredAsync(db, kind, year, cancellationToken), cancellationToken);
        return (sequence, Format(kind, year, sequence));
    }

    /// <summary>Moves the counter past the numbers already stored, when it fell behind them (a restore, a hand edit).</summary>
    public static async Task ResyncAsync(AppDbContext db, AgreementKind kind, int year, CancellationToken cancellationToken) =>
        await DatabaseCounters.RaiseToAsync(db, DatabaseCounters.AgreementNumber(kind.ToString(), year),
            await LastStoredAsync(db, kind, year, cancellationToken), cancellationToken);

    private static async Task<long> LastStoredAsync(AppDbContext db, AgreementKind kind, int year, CancellationToken cancellationToken) =>
        await db.Agreements.Where(a => a.Kind == kind && a.Year == year).MaxAsync(a => (int?)a.Sequence, cancellationToken) ?? 0;

    public static string Format(AgreementKind kind, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind.ToString().ToUpperInvariant()}-{year:0000}-{sequence:000000}");
}
