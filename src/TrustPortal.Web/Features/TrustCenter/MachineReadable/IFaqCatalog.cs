namespace TrustPortal.Web.Features.TrustCenter.MachineReadable;

/// <summary>
/// The public answers of the FAQ for the machine-readable summaries. The answer library implements it, so the trust
/// center depends on no answers feature; without one the summaries list none.
/// </summary>
public interface IFaqCatalog
{
    /// <summary>Public answers only: never one that is for signed-in customers.</summary>
    Task<IReadOnlyList<FaqFacts>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes whenever the list does, on any instance: part of the summaries' cache key.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken);
}

/// <summary>One public question and its answer (Markdown), with its topics and its place on /faq.</summary>
public sealed record FaqFacts(string Question, string AnswerMarkdown, IReadOnlyList<string> Tags, string Url);
