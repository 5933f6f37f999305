using Microsoft.Bot.Schema;

namespace SupportBot.Storage.ConversationReferences;

/// <summary>Where the bot keeps how to reach each person in a 1:1 chat, so advisers and reporters can be notified proactively.</summary>
public interface IConversationReferenceRepository
{
    Task SaveAsync(string personId, ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> FindAsync(string personId, CancellationToken cancellationToken);
}
