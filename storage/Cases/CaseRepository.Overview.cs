using System.Text.Json;
using Azure.Data.Tables;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Storage.Cases;

/// <summary>
/// The overview's query on <c>Incidents</c>: one organisation's partition, only the columns that are counted. Other
/// organisations' data is never scanned, so the cost does not grow with them.
/// </summary>
public sealed partial class CaseRepository
{
    private static readonly string[] s_overviewColumns = [nameof(CaseEntity.CreatedAt), nameof(CaseEntity.Urgency), nameof(CaseEntity.AnswersJson)];

    public async Task<IReadOnlyList<OverviewCase>> OverviewCasesAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        var rows = new List<OverviewCase>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and CreatedAt ge {since}");
            await foreach (var e in Table.QueryAsync<CaseEntity>(filter, maxPerPage: 1000, select: s_overviewColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new OverviewCase(e.CreatedAt, ParseUrgency(e.Urgency), What(e.AnswersJson)));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The table does not exist yet: no cases.
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
