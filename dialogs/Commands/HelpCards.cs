using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Commands;

/// <summary>Builds the welcome and help messages from the content files and the card templates.</summary>
public sealed class HelpCards(TextCatalog texts, CardLibrary cards)
{
    public IMessageActivity Welcome(UserLanguage language)
    {
        var data = texts.For(language);
        return CardAttachments.ToMessage(cards.Render("welcome", data), Fallback(data));
    }

    public IMessageActivity Help(UserLanguage language, bool notUnderstood)
    {
        var data = texts.For(language);
        data["notUnderstood"] = notUnderstood;
        return CardAttachments.ToMessage(cards.Render("help", data), Fallback(data));
    }

    /// <summary>The 112 line first, then the commands: what a client without cards shows.</summary>
    private static string Fallback(JsonObject data) =>
        data["emergency"]!["line"]!.GetValue<string>() + " — "
        + string.Join(", ", data["commands"]!.AsArray().Select(c => c!["keyword"]!.GetValue<string>()));
}
