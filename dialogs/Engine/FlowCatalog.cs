namespace SupportBot.Dialogs.Engine;

/// <summary>Every flow the bot knows, loaded and validated once.</summary>
public sealed class FlowCatalog
{
    private static readonly Lazy<FlowCatalog> s_default = new(() => new FlowCatalog([FlowLoader.Load("triage.json")]));
    private readonly Dictionary<string, FlowDefinition> _flows;

    public FlowCatalog(IEnumerable<FlowDefinition> flows)
    {
        _flows = flows.ToDictionary(f => f.Id, StringComparer.Ordinal);
    }

    public static FlowCatalog Default => s_default.Value;

    public FlowDefinition this[string id] => _flows.TryGetValue(id, out var flow)
        ? flow
        : throw new KeyNotFoundException($"No flow '{id}'.");

    public bool TryGet(string id, out FlowDefinition flow) => _flows.TryGetValue(id, out flow!);
}
