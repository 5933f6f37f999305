using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Conversation;

/// <summary>
/// One click on a card button, as Action.Submit (a message whose value carries the verb) or Action.Execute (an invoke
/// with the verb beside the data) brings it. <see cref="Value"/> is the raw card data; <see cref="ValueText"/> its
/// "value" field for the buttons that carry one (a case number, a page, a command key).
/// </summary>
public sealed record CardClick(ITurnContext Turn, ConversationData Data, string Verb, object? Value, string? ValueText, UserLanguage Language);

/// <summary>Answers an Action.Submit: the reply to send, or null when the handler has answered already.</summary>
public delegate Task<IActivity?> CardSubmitHandler(CardClick click, CancellationToken cancellationToken);

/// <summary>Answers an Action.Execute: the card Teams shows in place of the one clicked.</summary>
public delegate Task<JsonObject> CardExecuteHandler(CardClick click, CancellationToken cancellationToken);

/// <summary>When an Action.Submit reaches its handler.</summary>
public enum CardVerbStage
{
    /// <summary>Before anything else, also in a shared room (the language switch).</summary>
    First,

    /// <summary>Before the dialog in progress: the button is about a case, a checklist or the person's data, never a dialog's answer.</summary>
    BeforeDialog,

    /// <summary>Answered by the dialog in progress; outside one it is a finished dialog's button and gets the help card.</summary>
    DialogOnly,

    /// <summary>When no dialog took it (a dialog's own "command" buttons go to the dialog first).</summary>
    AfterDialog,
}

/// <summary>One verb, the feature that answers it, and how.</summary>
public sealed record CardVerb(string Name, CardVerbStage Stage, CardSubmitHandler? Submit, CardExecuteHandler? Execute);

/// <summary>A feature whose cards have buttons: it registers each of their verbs with its handler.</summary>
public interface ICardVerbSource
{
    void RegisterVerbs(CardVerbRegistry verbs);
}

/// <summary>
/// Every card verb the bot answers, each registered once by the feature that owns it. The one dispatcher
/// (<see cref="MessageRouter"/>) looks verbs up here for both Action.Submit and Action.Execute; a verb nobody
/// registered gets the kind "this button is no longer available" answer.
/// </summary>
public sealed class CardVerbRegistry
{
    private readonly Dictionary<string, CardVerb> _verbs = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _verbs.Keys;

    /// <summary>Registers <paramref name="verb"/>; a verb two features claim is a programming error (CardVerbRegistryTests builds the registry).</summary>
    public CardVerbRegistry Add(string verb, CardVerbStage stage, CardSubmitHandler? submit = null, CardExecuteHandler? execute = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        if (stage != CardVerbStage.DialogOnly && submit is null && execute is null)
        {
            throw new ArgumentException($"Card verb '{verb}' needs a handler.", nameof(submit));
        }

        if (!_verbs.TryAdd(verb, new CardVerb(verb, stage, submit, execute)))
        {
            throw new InvalidOperationException($"Card verb '{verb}' is registered twice.");
        }

        return this;
    }

    public CardVerb? Find(string? verb) => verb is not null && _verbs.TryGetValue(verb, out var found) ? found : null;
}
