namespace SupportBot.Dialogs.Engine;

/// <summary>
/// Where a conversation is in a flow. Persisted in ConversationState (Table Storage), so a dialog
/// resumes at the same question after a restart of the bot.
/// </summary>
public sealed class DialogState
{
    public string FlowId { get; set; } = string.Empty;

    public string StepId { get; set; } = string.Empty;

    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>Steps answered so far, oldest first: "tillbaka" walks back along it.</summary>
    public List<string> History { get; set; } = [];

    /// <summary>Failed answers to the current question.</summary>
    public int Attempts { get; set; }

    /// <summary>An offer the user is answering instead of the current question (resume after 112, or after idling).</summary>
    public PendingOffer Pending { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum PendingOffer
{
    None,
    ResumeAfterEmergency,
    ResumeAfterIdle,
}
