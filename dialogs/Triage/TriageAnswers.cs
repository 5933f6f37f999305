namespace SupportBot.Dialogs.Triage;

/// <summary>A typed view of the triage flow's answers (step ids and choice ids from <c>content/triage.json</c>).</summary>
public sealed class TriageAnswers(IReadOnlyDictionary<string, string> answers)
{
    public IReadOnlyDictionary<string, string> Raw { get; } = answers;

    public bool InDanger => Get("danger") == "yes";

    /// <summary>The first kind of incident chosen (a case can be several: <see cref="Whats"/>).</summary>
    public string? What => Whats.Count > 0 ? Whats[0] : null;

    public IReadOnlyList<string> Whats => List("what");

    public string? Channel => Channels.Count > 0 ? Channels[0] : null;

    public IReadOnlyList<string> Channels => List("channel");

    public string? Targets => Get("targets");

    public IReadOnlyList<string> TargetList => List("targets");

    /// <summary>Threat markers chosen; "none" counts as no marker.</summary>
    public IReadOnlyList<string> Markers => List("markers").Where(m => m != "none").ToList();

    public bool RepeatedBefore => Get("repeated") == "yes";

    public bool AlreadyReported => Get("reported") == "yes";

    public bool LinkedToRole => Get("role") == "yes";

    /// <summary>A member of parliament or a minister (Säpo's remit): chosen as who is targeted, or the older yes/no question.</summary>
    public bool CentralGovernment => TargetList.Contains("central") || Get("central") == "yes";

    /// <summary>Only an employee who is not an elected official is targeted: out of the bot's scope.</summary>
    public bool OnlyEmployee => TargetList.Count > 0 && TargetList.All(t => t == "employee");

    /// <summary>
    /// Whether the support organisation's advisers may be asked about this case: they advise the organisation, so not when
    /// the exposed official reports themself, not for central government (Säpo's remit) and not for an employee only.
    /// </summary>
    public bool MayAskAdvisers => !ReporterIsOfficial && !CentralGovernment && !OnlyEmployee;

    public string? When => Get("when");

    public string? Organisation => Get("organisation");

    public string? ReporterRole => Get("reporter-role");

    public bool ReporterIsOfficial => ReporterRole == "elected-official";

    public string? Wellbeing => Get("wellbeing");

    /// <summary>The person targeted said no or has not been asked: do not send the case outside the organisation without asking.</summary>
    public bool ConsentMissing => Get("consent") is "not-yet" or "unknown";

    public string? Description => Get("description");

    private string[] List(string step) =>
        (Get(step) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string? Get(string step) => Raw.TryGetValue(step, out var value) && value.Length > 0 ? value : null;
}
