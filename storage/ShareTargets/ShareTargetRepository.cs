using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ShareTargets;

/// <summary>
/// Where each person can share checklists to, in the <c>ShareTargets</c> table (one partition per person). Last writer
/// wins on purpose: the newest reference to a chat is the one that works.
/// </summary>
public sealed class ShareTargetRepository(TableServiceClient tables)
    : PersonPartitionedTable(tables, StoredTables.ShareTargets, RowKinds.ShareTargets, nameof(ShareTargetEntity.SeenAt)), IShareTargetStore
{
    /// <summary>The card offers at most this many chats, most recently used first.</summary>
    private const int MaxListed = 20;

    public Task SaveAsync(string personId, ShareTarget target, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentNullException.ThrowIfNull(target);
        return SaveLatestAsync(
            personId,
            new ShareTargetEntity
            {
                RowKey = target.Key,
                Kind = target.Kind,
                Name = target.Name,
                ReferenceJson = JsonConvert.SerializeObject(target.Conversation),
                SeenAt = target.SeenAt,
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<ShareTarget>> ListAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var found = new List<ShareTarget>();
        await foreach (var row in PersonRowsAsync<ShareTargetEntity>(personId, cancellationToken).ConfigureAwait(false))
        {
            var reference = JsonConvert.DeserializeObject<ConversationReference>(row.ReferenceJson);
            if (reference?.Conversation?.Id is not null)
            {
                found.Add(new ShareTarget(row.RowKey, row.Kind, row.Name, reference, row.SeenAt));
            }
        }

        return [.. found.OrderByDescending(t => t.SeenAt).Take(MaxListed)];
    }
}
