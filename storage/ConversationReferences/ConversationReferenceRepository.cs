using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ConversationReferences;

/// <summary>
/// Conversation references in Table Storage; survive restarts and are shared by every instance. Retention removes a
/// reference not refreshed within the period (the handler refreshes it at least weekly while the person chats with the
/// bot, so only people who stopped using it lose theirs; their next message stores it again).
/// </summary>
public sealed class ConversationReferenceRepository(TableServiceClient tables, TimeProvider time)
    : PersonPartitionedTable(tables, StoredTables.ConversationReferences, RowKinds.References, nameof(ConversationReferenceEntity.UpdatedAt)), IConversationReferenceRepository
{
    public Task SaveAsync(string personId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentNullException.ThrowIfNull(reference);
        return SaveLatestAsync(
            personId,
            new ConversationReferenceEntity
            {
                ReferenceJson = JsonConvert.SerializeObject(reference),
                ServiceUrl = reference.ServiceUrl ?? string.Empty,
                TenantId = reference.Conversation?.TenantId ?? string.Empty,
                UpdatedAt = time.GetUtcNow(),
            },
            cancellationToken);
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
}
