using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// Numbers like DPA-2026-000123: consecutive per kind and year. One allocation at a time in this process (the number
/// is printed in the PDF, so it is taken before rendering); the unique index catches another process, and the
/// caller retries.
/// </summary>
public static class AgreementNumbers
{
    public static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(int Sequence, string Number)> NextAsync(AppDbContext db, AgreementKind kind, int year, CancellationToken cancellationToken)
    {
        var last = await db.Agreements.Where(a => a.Kind == kind && a.Year == year).MaxAsync(a => (int?)a.Sequence, cancellationToken) ?? 0;
        var sequence = last + 1;
        return (sequence, Format(kind, year, sequence));
    }

    /// <summary>
    /// Saves the unit of work that holds a new agreement. False only when the save failed because another process
    /// stored the same number first (the caller takes the next one); any other failure propagates, with nothing saved.
    /// </summary>
    public static async Task<bool> SaveAsync(AppDbContext db, IDbContextFactory<AppDbContext> dbFactory, string number, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await fresh.Agreements.AnyAsync(a => a.Number == number, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    public static string Format(AgreementKind kind, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind.ToString().ToUpperInvariant()}-{year:0000}-{sequence:000000}");
}
