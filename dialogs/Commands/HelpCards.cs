using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Commands;

/// <summary>Builds the welcome and help messages from the content files and the card templates.</summary>
public sealed class HelpCards(TextCatalog texts, CardLibrary cards)
{
    /// <summary>The card verb of the main-action buttons (value: a command id) and of the language switch (value: a language code).</summary>
    public const string StartVerb = "start";

    public const string LanguageVerb = "language";

    public IMessageActivity Welcome(UserLanguage language, bool greeted = false)
    {
        var data = WithStartActions(texts.For(language));
        data["startActions"]!.AsArray().Insert(3, new JsonObject { ["title"] = data["subscriptions"]!["button"]!.GetValue<string>(), ["verb"] = StartVerb, ["value"] = "subscribe" });
        data["greeted"] = greeted;
        return CardAttachments.ToMessage(cards.Render("welcome", data), Fallback(data));
    }

    /// <summary>The line for a button nobody answers any more (a card from an older version of the bot).</summary>
    public string ButtonUnavailable(UserLanguage language) => texts.Get(language, "cardButtons.unavailable");

    public IMessageActivity Help(UserLanguage language, bool notUnderstood)
    {
        var data = WithStartActions(texts.For(language));
        data["notUnderstood"] = notUnderstood;
        data["noAnswer"] = false;
        return CardAttachments.ToMessage(cards.Render("help", data), Fallback(data));
    }

    /// <summary>Rapportera, Checklistor, Mina ärenden and the switch to the other language: the same buttons on every card that says what can be done.</summary>
    internal static JsonArray StartActions(JsonObject data)
    {
        var buttons = data["greeting"]!["buttons"]!;
        JsonObject Button(string key, string verb, string value) =>
            new() { ["title"] = buttons[key]!.GetValue<string>(), ["verb"] = verb, ["value"] = value };
        return
        [
            Button("report", StartVerb, "report"),
            Button("checklists", StartVerb, "checklist"),
            Button("myCases", StartVerb, "my-cases"),
            Button("switchLanguage", LanguageVerb, data["greeting"]!["switchTo"]!.GetValue<string>()),
        ];
    }

    private static JsonObject WithStartActions(JsonObject data)
    {
        data["startActions"] = StartActions(data);
        return data;
    }

    /// <summary>The 112 line first, then the commands: what a client without cards shows.</summary>
    private static string Fallback(JsonObject data) =>
        data["emergency"]!["line"]!.GetValue<string>() + " — "
        + string.Join(", ", data["commands"]!.AsArray().Select(c => c!["keyword"]!.GetValue<string>()));
}
