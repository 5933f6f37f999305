using System.Text;
using Azure;
using Azure.Data.Tables;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.ConversationReferences;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.State;

/// <summary>
/// The personal data in the SDK's state table (<see cref="TableStorage"/>: one row per state key, the value as JSON in
/// binary chunks). Keys are <c>{channel}/users/{user id}</c> (user state) and <c>{channel}/conversations/{id}</c>
/// (conversation state, personal and group chats).
/// <para>Erasure: the person's user state and their personal chat's state (its conversation id is in their conversation
/// reference, read before that table is erased) are deleted whole; in every other conversation (group chats) the
/// entries keyed by their id are removed and any remaining mention of the id becomes the pseudonym, each row rewritten
/// with the ETag it was read with. Finding the group chats is one scan of the table, which erasure can afford (it is
/// rare) and retention keeps small (state lives <see cref="RetentionOptions.DialogStateDays"/> days without a turn).</para>
/// <para>Retention: a row not written since <see cref="RetentionRun.StateCutoff"/> (by its Timestamp) is abandoned and
/// deleted, with the ETag it was read with so a turn meanwhile keeps it.</para>
/// </summary>
public sealed class StatePersonalData : IPersonalDataTable
{
    private const int Attempts = 5;
    private const string UsersSegment = "/users/";

    private readonly TableClient _table;
    private readonly IConversationReferenceRepository _references;

    public StatePersonalData(TableServiceClient tables, string tableName, IConversationReferenceRepository references)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _table = tables.GetTableClient(tableName);
        _references = references ?? throw new ArgumentNullException(nameof(references));
        TableName = tableName;
    }

    public string TableName { get; }

    public async Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var reference = await _references.FindAsync(person.Id, cancellationToken).ConfigureAwait(false);
        var personalChat = reference?.Conversation?.Id is { Length: > 0 } conversationId
            ? $"{reference.ChannelId}/conversations/{conversationId}"
            : null;

        int conversations = 0, users = 0;
        foreach (var row in await RowsAsync(select: null, filter: null, cancellationToken).ConfigureAwait(false))
        {
            var key = row.GetString(StateEntity.KeyProperty) ?? string.Empty;
            if (IsUserKey(key, person.Id) || string.Equals(key, personalChat, StringComparison.Ordinal))
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                _ = IsUserKey(key, person.Id) ? users++ : conversations++;
            }
            else if (await ScrubAsync(row, key, person, cancellationToken).ConfigureAwait(false))
            {
                _ = key.Contains(UsersSegment, StringComparison.Ordinal) ? users++ : conversations++;
            }
        }

        return RowCounts.Of((RowKinds.ConversationState, conversations), (RowKinds.UserState, users));
    }

    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        int conversations = 0, users = 0;
        var filter = "Timestamp lt " + TableClient.CreateQueryFilter($"{run.StateCutoff}");
        foreach (var row in await RowsAsync(["PartitionKey", "RowKey", StateEntity.KeyProperty], filter, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                _ = (row.GetString(StateEntity.KeyProperty) ?? string.Empty).Contains(UsersSegment, StringComparison.Ordinal) ? users++ : conversations++;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // A turn wrote it (or erasure removed it) since it was read: kept, or already gone.
            }
        }

        return RowCounts.Of((RowKinds.ConversationState, conversations), (RowKinds.UserState, users));
    }

    private static bool IsUserKey(string key, string personId) =>
        key.EndsWith(UsersSegment + personId, StringComparison.Ordinal);

    /// <summary>
    /// Removes the person from one shared conversation's state: entries keyed by their id go, other mentions become the
    /// pseudonym. False when the row does not mention them. A row written meanwhile is read again.
    /// </summary>
    private async Task<bool> ScrubAsync(TableEntity row, string key, PersonRef person, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (StateEntity.ReadValue(row, key) is not { } json || !Encoding.UTF8.GetString(json).Contains(person.Id, StringComparison.Ordinal))
            {
                return false;
            }

            var scrubbed = Scrub(Encoding.UTF8.GetString(json), person);
            var bytes = Encoding.UTF8.GetBytes(scrubbed);
            try
            {
                await _table.UpdateEntityAsync(StateEntity.Create(row.PartitionKey, key, ValueChunker.Split(bytes)), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var again = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!again.HasValue)
                {
                    return false;
                }

                row = again.Value!;
            }
        }

        throw new StorageConcurrencyException($"Could not remove a person from a conversation's state after {Attempts} attempts.");
    }

    /// <summary>The JSON without properties named by the id (per-person entries), and with the pseudonym for any other mention.</summary>
    internal static string Scrub(string json, PersonRef person)
    {
        var token = JToken.Parse(json);
        var named = token is JContainer container ? container.Descendants().OfType<JProperty>().Where(p => p.Name == person.Id).ToList() : [];
        foreach (var property in named)
        {
            property.Remove();
        }

        return token.ToString(Formatting.None).Replace(person.Id, person.Pseudonym, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<TableEntity>> RowsAsync(IEnumerable<string>? select, string? filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No state written yet: the table does not exist.
        }

        return rows;
    }
}
