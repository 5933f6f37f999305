namespace SupportBot.Dialogs.Triage;

/// <summary>A typed view of the triage flow's answers (step ids and choice ids from <c>content/triage.json</c>).</summary>
public sealed class TriageAnswers(IReadOnlyDictionary<string, string> answers)
{
    public IReadOnlyDictionary<string, string> Raw { get; } = answers;

    public bool InDanger => Get("danger") == "yes";

    public string? What => Get("what");

    public string? Channel => Get("channel");

    public string? Targets => Get("targets");

    /// <summary>Threat markers chosen; "none" counts as no marker.</summary>
    public IReadOnlyList<string> Markers =>
        (Get("markers") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Where(m => m != "none").ToList();

    public bool RepeatedBefore => Get("repeated") == "yes";

    public bool AlreadyReported => Get("reported") == "yes";

    public bool LinkedToRole => Get("role") == "yes";

    public bool CentralGovernment => Get("central") == "yes";

    public string? When => Get("when");

    public string? Organisation => Get("organisation");

    public string? ReporterRole => Get("reporter-role");

    public string? Description => Get("description");

    private string? Get(string step) => Raw.TryGetValue(step, out var value) && value.Length > 0 ? value : null;
}
