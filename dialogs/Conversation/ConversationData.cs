using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Conversation;

/// <summary>What the bot remembers about one conversation (stored in ConversationState, Table Storage).</summary>
public sealed class ConversationData : IDialogStateHolder
{
    /// <summary>The welcome card has been shown here; it is shown once per conversation.</summary>
    public bool WelcomeShown { get; set; }

    /// <summary>When the bot last handled a message here (UTC).</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The dialog in progress (a triage), if any.</summary>
    public DialogState? Dialog { get; set; }
}
