using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Cards;

/// <summary>
/// Renders dialog moments as Adaptive Cards (templates <c>question</c>, <c>emergency</c>, <c>notice</c>), each
/// with a plain-text fallback that numbers the choices, so typing works in clients without cards.
/// </summary>
public sealed class DialogCards(TextCatalog texts, CardLibrary cards, SupportContacts contacts) : IDialogRenderer
{
    public IMessageActivity Prompt(FlowDefinition flow, StepDefinition question, DialogState state, UserLanguage language, PromptNote? note = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(state);
        var choices = ChoicesOf(question, language);
        var isButtons = question.Kind is StepKind.Choice or StepKind.YesNo or StepKind.When;
        var isText = question.Kind is StepKind.Text;
        var noteText = NoteText(question, note, language);
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["hasNote"] = noteText is not null,
            ["note"] = noteText ?? string.Empty,
            ["noteColor"] = note?.IsError == true ? "Attention" : "Default",
            ["progress"] = Format(texts.Get(language, "dialog.progress"), new Dictionary<string, string> { ["number"] = (state.History.Count + 1).ToString(CultureInfo.InvariantCulture) }),
            ["prompt"] = texts.FillOrganisation(question.Prompt.For(language), language),
            ["stepId"] = question.Id,
            ["buttons"] = isButtons ? new JsonArray(choices.Select((c, i) => (JsonNode)new JsonObject { ["title"] = $"{i + 1}. {c.Title}", ["value"] = c.Value }).ToArray()) : new JsonArray(),
            ["isMulti"] = question.Kind == StepKind.MultiChoice,
            ["choices"] = question.Kind == StepKind.MultiChoice ? new JsonArray(choices.Select((c, i) => (JsonNode)new JsonObject { ["title"] = $"{i + 1}. {c.Title}", ["value"] = c.Value }).ToArray()) : new JsonArray(),
            ["isText"] = isText,
            ["isMultiline"] = question.Kind == StepKind.Text,
            ["maxLength"] = question.MaxLength,
            ["hasSubmit"] = question.Kind == StepKind.MultiChoice || isText,
            ["submitTitle"] = texts.Get(language, question.Kind == StepKind.MultiChoice ? "dialog.buttons.continue" : "dialog.buttons.send"),
            ["hint"] = texts.Get(language, question.Kind switch
            {
                StepKind.MultiChoice => "dialog.multiHint",
                StepKind.Text => "dialog.textHint",
                _ => "dialog.answerHint",
            }) + " " + texts.Get(language, "dialog.commandsHint"),
            ["commands"] = Commands(language, ["back", "cancel"]),
        };
        if (question.Optional)
        {
            // "Hoppa över" answers an optional question with nothing.
            data["buttons"] = new JsonArray(new JsonObject { ["title"] = texts.Get(language, "dialog.buttons.skip"), ["value"] = string.Empty });
        }

        var fallback = string.Join("\n", new[] { texts.Get(language, "emergency.line"), noteText, texts.FillOrganisation(question.Prompt.For(language), language) }
            .Where(t => !string.IsNullOrEmpty(t))
            .Concat(choices.Select((c, i) => $"{i + 1}. {c.Title}")));
        return WithFallback(cards.Render("question", data), fallback);
    }

    public IMessageActivity Emergency(UserLanguage language, bool offerResume)
    {
        var data = texts.For(language);
        data["offerResume"] = offerResume;
        data["numberedSteps"] = new JsonArray(data["emergency"]!["steps"]!.AsArray()
            .Select((s, i) => (JsonNode)JsonValue.Create($"{i + 1}. {s!.GetValue<string>()}")).ToArray());
        data["commands"] = offerResume ? Commands(language, ["continue", "end"]) : new JsonArray();
        var fallback = texts.Get(language, "emergency.line") + ". " + texts.Get(language, "emergency.police");
        return WithFallback(cards.Render("emergency", data), fallback);
    }

    public IMessageActivity IdleOffer(UserLanguage language) =>
        NoticeCard(texts.Get(language, "dialog.idleQuestion"), language, Commands(language, ["continue", "restart"]));

    public IMessageActivity Notice(string textKey, UserLanguage language) =>
        NoticeCard(Format(texts.Get(language, textKey), new Dictionary<string, string> { ["switchboard"] = contacts.SwitchboardPhone }), language, new JsonArray());

    private IMessageActivity NoticeCard(string text, UserLanguage language, JsonArray commands)
    {
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["text"] = text,
            ["commands"] = commands,
        };
        return WithFallback(cards.Render("notice", data), texts.Get(language, "emergency.line") + "\n" + text);
    }

    private JsonArray Commands(UserLanguage language, IEnumerable<string> keys) =>
        new(keys.Select(k => (JsonNode)new JsonObject { ["title"] = texts.Get(language, "dialog.buttons." + k), ["value"] = k }).ToArray());

    private List<(string Title, string Value)> ChoicesOf(StepDefinition step, UserLanguage language) => step.Kind == StepKind.YesNo
        ? [(texts.Get(language, "dialog.buttons.yes"), "yes"), (texts.Get(language, "dialog.buttons.no"), "no")]
        : step.Choices.Select(c => (c.Label.For(language), c.Id)).ToList();

    private string? NoteText(StepDefinition step, PromptNote? note, UserLanguage language)
    {
        if (note is null)
        {
            return null;
        }

        if (note.IsStepHelp && step.Help is not null)
        {
            return texts.FillOrganisation(step.Help.For(language), language);
        }

        return Format(texts.Get(language, note.TextKey), note.Args);
    }


    private static IMessageActivity WithFallback(JsonObject card, string fallback) => CardAttachments.ToMessage(card, fallback);
}
