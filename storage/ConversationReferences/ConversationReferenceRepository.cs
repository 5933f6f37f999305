using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Privacy;

namespace SupportBot.Storage.ConversationReferences;

/// <summary>Conversation references in Table Storage; survive restarts and are shared by every instance.</summary>
public sealed class ConversationReferenceRepository : TableOwner, IConversationReferenceRepository, IPersonalDataTable
{
    public const string TableName = "ConversationReferences";

    private readonly TimeProvider _time;

    public ConversationReferenceRepository(TableServiceClient tables, TimeProvider time)
        : base(tables, TableName)
    {
        _time = time;
    }

    public async Task SaveAsync(string personId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentNullException.ThrowIfNull(reference);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new ConversationReferenceEntity
        {
            PartitionKey = PersonKey(personId),
            ReferenceJson = JsonConvert.SerializeObject(reference),
            ServiceUrl = reference.ServiceUrl ?? string.Empty,
            TenantId = reference.Conversation?.TenantId ?? string.Empty,
            UpdatedAt = _time.GetUtcNow(),
        };

        // Last writer wins on purpose: the newest reference is the one that works.
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReference?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        try
        {
            var found = await Table.GetEntityIfExistsAsync<ConversationReferenceEntity>(PersonKey(personId), ConversationReferenceEntity.PersonalRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            return found.HasValue ? JsonConvert.DeserializeObject<ConversationReference>(found.Value!.ReferenceJson) : null;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A hash, so person ids never appear as keys (and any id is a valid key).</summary>
    internal static string PersonKey(string personId) =>
        KeyHash.Of(personId);

    string IPersonalDataTable.TableName => TableName;

    /// <summary>Erasure: the person's whole partition.</summary>
    public async Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return RowCounts.Of(RowKinds.References, await TablePartitions.DeleteAsync(Table, PersonKey(person.Id), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Retention: a reference not refreshed within the period goes (the handler refreshes it at least weekly while the
    /// person chats with the bot, so only people who stopped using it lose theirs; their next message stores it again).
    /// </summary>
    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return RowCounts.Of(RowKinds.References, await TablePartitions.DeleteOlderAsync(Table, nameof(ConversationReferenceEntity.UpdatedAt), run.Cutoff, cancellationToken).ConfigureAwait(false));
    }
}
