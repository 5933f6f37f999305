namespace SupportBot.Dialogs.Conversation;

/// <summary>What the bot remembers about one conversation (stored in ConversationState, Table Storage).</summary>
public sealed class ConversationData
{
    /// <summary>The welcome card has been shown here; it is shown once per conversation.</summary>
    public bool WelcomeShown { get; set; }

    /// <summary>When the bot last handled a message here (UTC).</summary>
    public DateTimeOffset? LastActivityAt { get; set; }
}
