using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Conversation;

/// <summary>What the bot says about places and tenants: case work moving to the personal chat, and the refusal for a tenant that has not joined.</summary>
public sealed class PlaceCards(TextCatalog texts, TriageCards triageCards, SupportContacts contacts)
{
    /// <summary>The one line a shared room sees when someone asks for case work there.</summary>
    public IMessageActivity MovedLine(string workKey, bool personalChatOpened, UserLanguage language)
    {
        var what = texts.Get(language, workKey);
        var line = TextFormat.Format(texts.Get(language, personalChatOpened ? "places.moved" : "places.openPersonalChat"), ("what", what));
        return MessageFactory.Text(line);
    }

    /// <summary>What waits in the personal chat: the request named, and the word that starts it here.</summary>
    public IMessageActivity PersonalChatInvitation(string workKey, UserLanguage language)
    {
        var what = texts.Get(language, workKey);
        var sections = new JsonArray();
        var intro = TextFormat.Format(texts.Get(language, "places.invitation"), ("what", what), ("keyword", texts.Get(language, workKey + "Keyword")));
        return triageCards.Message(texts.Get(language, "places.invitationTitle"), intro, sections, string.Empty, language);
    }

    /// <summary>For a tenant that has not joined: 112 first, the switchboard, and how an organisation joins. Nothing is stored.</summary>
    public IMessageActivity NotOnboarded(UserLanguage language) =>
        CardAttachments.ToMessage(NotOnboardedCard(language), texts.Get(language, "emergency.line") + "\n" + texts.Get(language, "tenants.notOnboardedTitle"));

    /// <summary>The same refusal as a card (also the answer to an Action.Execute).</summary>
    public JsonObject NotOnboardedCard(UserLanguage language) =>
        triageCards.InfoCard(
            texts.Get(language, "tenants.notOnboardedTitle"),
            TextFormat.Format(texts.Get(language, "tenants.notOnboarded"), ("switchboard", contacts.SwitchboardPhone)),
            [],
            texts.Get(language, "tenants.howToJoin"),
            language);

    /// <summary>An Action.Execute of case work in a shared room: the card says where it continues.</summary>
    public JsonObject MovedCard(string workKey, UserLanguage language) =>
        triageCards.InfoCard(
            texts.Get(language, "places.invitationTitle"),
            TextFormat.Format(texts.Get(language, "places.openPersonalChat"), ("what", texts.Get(language, workKey))),
            [],
            string.Empty,
            language);
}
