using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace SupportBot.Dialogs.Conversation;

/// <summary>
/// Where a conversation happens. A personal chat is private; group chats and channels are shared rooms, where only
/// help, checklists and the 112 answer work — case work (reports, cases, overview, erasure, case actions) never
/// shows there, so nothing about a case or a person is posted for the room to read.
/// </summary>
public static class Places
{
    public static bool IsSharedRoom(IActivity? activity) =>
        activity?.Conversation?.ConversationType is { } type
        && (type.Equals("groupChat", StringComparison.OrdinalIgnoreCase) || type.Equals("channel", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Opens (or finds) the person's 1:1 chat with the bot and posts a message there (proactive; implemented by the host).</summary>
public interface IPersonalChat
{
    /// <summary>True when the message reached the person's personal chat; false when Teams does not allow it (app not installed for them).</summary>
    Task<bool> SendAsync(ITurnContext turnContext, IMessageActivity message, CancellationToken cancellationToken);
}
