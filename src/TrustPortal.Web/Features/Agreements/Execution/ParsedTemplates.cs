using System.Collections.Concurrent;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// Parsed template texts by template id and hash. A published version never changes, so parsing it once per process is
/// enough; the database still says which version is current on every execution.
/// </summary>
public sealed class ParsedTemplates
{
    private readonly ConcurrentDictionary<(Guid Id, string Sha256), ParsedTemplate> parsed = new();

    public ParsedTemplate For(AgreementTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return parsed.GetOrAdd((template.Id, template.Sha256), _ => TemplateParser.Parse(template.Body).Template
            ?? throw new InvalidOperationException($"Published template {template.Kind} v{template.Version} does not parse."));
    }
}
