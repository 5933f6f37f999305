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

/// <summary>The overview's incidents of one organisation since a date (the incidents' repository).</summary>
public interface IOverviewCases
{
    Task<IReadOnlyList<OverviewCase>> OverviewCasesAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The overview's escalations of one organisation since a date (the escalations' repository).</summary>
public interface IOverviewEscalations
{
    Task<IReadOnlyList<OverviewEscalation>> OverviewEscalationsAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The overview's numbers from each table's owner, both queries at once.</summary>
public sealed class OverviewSource(IOverviewCases incidents, IOverviewEscalations escalations) : IOverviewSource
{
    public async Task<OverviewData> LoadAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        var incidentRows = incidents.OverviewCasesAsync(organisationKey, since, cancellationToken);
        var escalationRows = escalations.OverviewEscalationsAsync(organisationKey, since, cancellationToken);
        await Task.WhenAll(incidentRows, escalationRows).ConfigureAwait(false);
        return new OverviewData(await incidentRows.ConfigureAwait(false), await escalationRows.ConfigureAwait(false));
    }
}

public sealed record OverviewData(IReadOnlyList<OverviewCase> Cases, IReadOnlyList<OverviewEscalation> Escalations);

/// <summary>An incident as the overview sees it: when, how urgent, what kind (the triage's "what" answer).</summary>
public sealed record OverviewCase(DateTimeOffset CreatedAt, Urgency Urgency, string? What);

public sealed record OverviewEscalation(DateTimeOffset EscalatedAt, bool IsOpen, DateTimeOffset? AcknowledgedAt);

/// <summary>Draws the overview's chart as a PNG (ScottPlot in the bot); the dialogs say what to draw.</summary>
public interface IOverviewChart
{
    byte[] RenderPng(ChartSpec chart);
}

/// <summary>A stacked bar chart: one bar per label, one coloured series per stack.</summary>
public sealed record ChartSpec(string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, int Width, int Height);

public sealed record ChartSeries(string Name, string ColorHex, IReadOnlyList<int> Values);
