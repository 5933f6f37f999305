using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Schema;

namespace SupportBot.Dialogs.Checklists;

/// <summary>
/// Where each person's ticks are kept (Table Storage in the bot): one record per person and checklist. Writes are
/// guarded by the record's ETag, so two windows saving at once cannot silently overwrite each other.
/// </summary>
public interface IChecklistProgressStore
{
    /// <summary>The person's saved ticks on one checklist, or null when they never saved it.</summary>
    Task<ChecklistProgress?> GetAsync(string personId, string checklistId, CancellationToken cancellationToken);

    /// <summary>Every checklist the person saved (one partition read).</summary>
    Task<IReadOnlyList<ChecklistProgress>> ListAsync(string personId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the ticks if nobody changed the record since it was read (<see cref="ChecklistProgress.ETag"/>; null means
    /// "must not exist yet"). False when someone else wrote first; nothing is stored then.
    /// </summary>
    Task<bool> SaveAsync(ChecklistProgress progress, CancellationToken cancellationToken);
}

/// <summary>A person's ticked items on one checklist (item ids from the content, in content order).</summary>
public sealed record ChecklistProgress(string PersonId, string ChecklistId, IReadOnlyList<string> Ticked, DateTimeOffset UpdatedAt)
{
    /// <summary>The store's concurrency token from the read this record came from.</summary>
    public string? ETag { get; init; }
}

/// <summary>
/// The group chats and team channels a person can post a checklist into: those where the bot is and the person has
/// been seen with it (added it, or @mentioned it). Kept per person so nobody is offered a chat they are not in.
/// </summary>
public interface IShareTargetStore
{
    Task SaveAsync(string personId, ShareTarget target, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShareTarget>> ListAsync(string personId, CancellationToken cancellationToken);
}

/// <summary>A group chat or channel to post into. <paramref name="Name"/> is null when Teams did not send one.</summary>
public sealed record ShareTarget(string Key, string Kind, string? Name, ConversationReference Conversation, DateTimeOffset SeenAt)
{
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";

    /// <summary>A short hash of the conversation id: the target's key in storage and on cards (ids stay off both).</summary>
    public static string KeyFor(string conversationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId)))[..32];
}

/// <summary>Posts a message into another conversation (proactively, through the adapter).</summary>
public interface IConversationPoster
{
    /// <summary>False when the conversation cannot be reached (bot removed, chat gone, connector down).</summary>
    Task<bool> PostAsync(ConversationReference conversation, IMessageActivity message, CancellationToken cancellationToken);
}
