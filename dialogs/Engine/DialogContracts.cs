using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Engine;

/// <summary>Holds the active dialog of a conversation (implemented by the conversation's stored data).</summary>
public interface IDialogStateHolder
{
    DialogState? Dialog { get; set; }
}

/// <summary>Turns dialog moments into messages. The engine decides what to say; the renderer decides how it looks.</summary>
public interface IDialogRenderer
{
    /// <summary>The question, optionally with a problem with the last answer (<paramref name="errorKey"/>) or a notice above it.</summary>
    IMessageActivity Prompt(FlowDefinition flow, StepDefinition question, DialogState state, UserLanguage language, PromptNote? note = null);

    /// <summary>The 112 card; with <paramref name="offerResume"/> it also asks whether to continue the dialog.</summary>
    IMessageActivity Emergency(UserLanguage language, bool offerResume);

    /// <summary>Asks whether to continue a dialog that has been idle, or start over.</summary>
    IMessageActivity IdleOffer(UserLanguage language);

    /// <summary>A short message from the texts (e.g. <c>dialog.cancelled</c>), always with the 112 line.</summary>
    IMessageActivity Notice(string textKey, UserLanguage language);
}

/// <summary>What to show above a question: a problem with the last answer, the step's help, or another text.</summary>
public sealed record PromptNote(string TextKey, IReadOnlyDictionary<string, string>? Args = null, bool IsError = false, bool IsStepHelp = false);

/// <summary>What happens when a flow's last question is answered (e.g. triage: classify, save the case, show guidance).</summary>
public interface IFlowCompletion
{
    string FlowId { get; }

    /// <param name="holder">Where the finished dialog was kept (the conversation's state), for what the completion leaves there.</param>
    Task CompleteAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, UserLanguage language, CancellationToken cancellationToken);
}

/// <summary>
/// The choices of a step kind whose answers depend on the conversation rather than the flow file (e.g. the organisation:
/// the ones the message's tenant reports for). The engine shows them as a plain choice, and answers by itself when only
/// one is left.
/// </summary>
public interface IStepChoiceSource
{
    StepKind Kind { get; }

    IReadOnlyList<ChoiceDefinition> ChoicesFor(ITurnContext turnContext);
}

public sealed class DialogEngineOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>After this long without an answer, the next message first asks whether to resume or start over.</summary>
    public int IdleMinutes { get; set; } = 30;

    /// <summary>Failed answers to one question before the dialog ends kindly.</summary>
    public int MaxAttempts { get; set; } = 3;
}
