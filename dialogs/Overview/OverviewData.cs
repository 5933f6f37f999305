using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Overview;

/// <summary>
/// What the overview counts, read for one organisation only (Table Storage in the bot: one partition query per table,
/// whatever other organisations hold). Counts only: no names, descriptions or reporters leave the store.
/// </summary>
public interface IOverviewSource
{
    Task<OverviewData> LoadAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken);
}

public sealed record OverviewData(IReadOnlyList<OverviewIncident> Incidents, IReadOnlyList<OverviewEscalation> Escalations);

/// <summary>An incident as the overview sees it: when, how urgent, what kind (the triage's "what" answer).</summary>
public sealed record OverviewIncident(DateTimeOffset CreatedAt, Urgency Urgency, string? What);

public sealed record OverviewEscalation(DateTimeOffset EscalatedAt, bool IsOpen, DateTimeOffset? AcknowledgedAt);

/// <summary>Draws the overview's chart as a PNG (ScottPlot in the bot); the dialogs say what to draw.</summary>
public interface IOverviewChart
{
    byte[] RenderPng(ChartSpec chart);
}

/// <summary>A stacked bar chart: one bar per label, one coloured series per stack.</summary>
public sealed record ChartSpec(string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, int Width, int Height);

public sealed record ChartSeries(string Name, string ColorHex, IReadOnlyList<int> Values);
