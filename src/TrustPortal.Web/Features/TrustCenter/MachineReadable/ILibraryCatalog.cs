namespace TrustPortal.Web.Features.TrustCenter.MachineReadable;

/// <summary>
/// The document library's current documents for the machine-readable summaries. The library implements it, so the trust
/// center depends on no document feature; without a library the summaries list none.
/// </summary>
public interface ILibraryCatalog
{
    Task<IReadOnlyList<LibraryDocumentFacts>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes whenever the list does, on any instance: part of the summaries' cache key.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken);
}

/// <summary>One document of the library: who may have it, how to get it, and its page.</summary>
public sealed record LibraryDocumentFacts(string Title, string Description, string Visibility, string HowToGet, DateOnly CurrentUntil, string Url);
