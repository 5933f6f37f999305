using System.Text.Json;
using Azure.Data.Tables;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Incidents;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Overview;

/// <summary>
/// The overview's numbers for one organisation: one query on its partition of <c>Incidents</c> and one on its partition
/// of <c>Escalations</c>, reading only the columns that are counted. Other organisations' data is never scanned, so the
/// cost does not grow with them.
/// </summary>
public sealed class OverviewRepository(TableServiceClient tables) : IOverviewSource
{
    private static readonly string[] s_incidentColumns = [nameof(IncidentEntity.CreatedAt), nameof(IncidentEntity.Urgency), nameof(IncidentEntity.AnswersJson)];
    private static readonly string[] s_escalationColumns = [nameof(EscalationEntity.EscalatedAt), nameof(EscalationEntity.Status), nameof(EscalationEntity.AcknowledgedAt)];

    public async Task<OverviewData> LoadAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        var incidents = tables.GetTableClient(IncidentRepository.IncidentsTable);
        var escalations = tables.GetTableClient(EscalationRepository.TableName);
        var incidentRows = QueryAsync<IncidentEntity>(
            incidents,
            TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and CreatedAt ge {since}"),
            s_incidentColumns,
            cancellationToken);
        var escalationRows = QueryAsync<EscalationEntity>(
            escalations,
            TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and RowKey ge {EscalationEntity.RowPrefix} and RowKey lt {"case}"} and EscalatedAt ge {since}"),
            s_escalationColumns,
            cancellationToken);
        await Task.WhenAll(incidentRows, escalationRows).ConfigureAwait(false);

        return new OverviewData(
            [.. (await incidentRows.ConfigureAwait(false)).Select(e => new OverviewIncident(e.CreatedAt, ParseUrgency(e.Urgency), What(e.AnswersJson)))],
            [.. (await escalationRows.ConfigureAwait(false)).Select(e => new OverviewEscalation(e.EscalatedAt, e.Status != EscalationStatus.Closed, e.AcknowledgedAt))]);
    }

    /// <summary>All rows of the query; a table that does not exist yet simply has none.</summary>
    private static async Task<List<T>> QueryAsync<T>(TableClient table, string filter, IEnumerable<string> columns, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var rows = new List<T>();
        try
        {
            await foreach (var row in table.QueryAsync<T>(filter, maxPerPage: 1000, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return rows;
    }

    private static Urgency ParseUrgency(string? code) =>
        code is "AKUT" or "HOG" or "NORMAL" or "FOREBYGGANDE" ? Urgencies.Parse(code) : Urgency.Normal;

    /// <summary>The triage's "what" answer only; the rest of the answers (free text included) is not kept.</summary>
    private static string? What(string? answersJson)
    {
        if (string.IsNullOrEmpty(answersJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answersJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("what", out var what) && what.ValueKind == JsonValueKind.String
                ? what.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
