using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Privacy;

/// <summary>
/// "radera mina uppgifter" / "delete my data": a confirmation card first (what goes, what stays), then on "Ja" the
/// person's state in this conversation, their user state and everything <see cref="IPersonalDataEraser"/> reaches.
/// "Avbryt" changes nothing. The card carries a one-way token of whom it was shown to, so in a group chat a colleague's
/// click cannot erase anyone's data, theirs included, by accident. Each card's token is also single-use and expires
/// (<see cref="TokenLifetime"/>): a replayed click erases nothing and costs no scan.
/// </summary>
public sealed class ErasureDesk(
    IPersonalDataEraser eraser,
    ConversationState conversationState,
    UserState? userState,
    SupportContacts contacts,
    TriageCards triageCards,
    TextCatalog texts,
    CardLibrary cards,
    IErasureTokenLedger? ledger = null,
    TimeProvider? time = null)
{
    /// <summary>How long a confirmation card can be used: long enough to read it, short enough that old chats hold no live buttons.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public const string Confirm = "erase.confirm";
    public const string Cancel = "erase.cancel";

    /// <summary>
    /// Set in the turn's state once the person's data is erased: nothing later in the turn may write it back (the
    /// handler would otherwise store the conversation reference again).
    /// </summary>
    public const string ErasedTurnKey = "SupportBot.Privacy.Erased";

    public static bool IsErasureVerb(string? verb) => verb is Confirm or Cancel;

    public static bool WasErased(ITurnContext turnContext) =>
        turnContext?.TurnState.Get<object>(ErasedTurnKey) is true;

    /// <summary>The confirmation card: the 112 line, what is removed, what remains, "Ja, radera mina uppgifter" / "Avbryt".</summary>
    public IMessageActivity Confirmation(ChannelAccount? person, string? tenantId, UserLanguage language)
    {
        var erasure = texts.Root(language)["erasure"]!;
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = erasure["title"]!.GetValue<string>(),
            ["intro"] = erasure["intro"]!.GetValue<string>(),
            ["removes"] = erasure["removes"]!.DeepClone(),
            ["keeps"] = erasure["keeps"]!.GetValue<string>(),
            ["adviser"] = erasure["adviser"]!.GetValue<string>(),
            ["isAdviser"] = contacts.AdviserFor(person, tenantId) is not null,
            ["confirm"] = erasure["confirm"]!.GetValue<string>(),
            ["cancel"] = erasure["cancel"]!.GetValue<string>(),
            ["token"] = NewToken(person),
        };
        return CardAttachments.ToMessage(cards.Render("erasure", data), texts.Get(language, "emergency.line") + "\n" + erasure["title"]!.GetValue<string>());
    }

    /// <summary>A click on the confirmation card. <paramref name="token"/> is the card's; a card shown to someone else changes nothing.</summary>
    public async Task<IMessageActivity> SubmitAsync(ITurnContext turnContext, ConversationData data, string verb, string? token, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var from = turnContext.Activity.From;
        var ids = PersonIds(from);
        if (ids.Count == 0 || ParseToken(token, from) is not { } issued)
        {
            Limits.TurnSignals.Refused(turnContext, "notYours");
            return triageCards.Notice("erasure.notYours", language);
        }

        if (verb != Confirm)
        {
            return triageCards.Notice("erasure.cancelled", language);
        }

        var expiresAt = issued.IssuedAt + TokenLifetime;
        if (_time.GetUtcNow() > expiresAt
            || (ledger is not null && !await ledger.TryUseAsync(issued.Nonce, expiresAt, cancellationToken).ConfigureAwait(false)))
        {
            return triageCards.Notice("limits.erasureUsed", language);
        }

        var result = await eraser.EraseAsync(ids, cancellationToken).ConfigureAwait(false);
        await ForgetStateAsync(turnContext, data, language, cancellationToken).ConfigureAwait(false);
        turnContext.TurnState[ErasedTurnKey] = true;
        return Erased(result, language);
    }

    /// <summary>Every id the person can be stored under: the Entra object id (cases, references, checklists) and the channel id (state).</summary>
    public static IReadOnlyList<string> PersonIds(ChannelAccount? account) =>
        new[] { account?.AadObjectId, account?.Id }.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A personal chat's state is the person's alone: deleted whole. A group chat's is shared, so only this person's
    /// entries go (in every chat: the eraser's state table policy; here the copy this turn holds). The user state (keyed by channel user id) is deleted either way.
    /// </summary>
    private async Task ForgetStateAsync(ITurnContext turnContext, ConversationData data, UserLanguage language, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var isGroup = activity.Conversation?.ConversationType is "groupChat" or "channel" || activity.Conversation?.IsGroup == true;
        if (isGroup)
        {
            // The eraser has just removed the person from this chat's stored state too (with its ETag): read it again, so
            // that the end of this turn writes over that version instead of failing on the one read at its start.
            await conversationState.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
            data = await conversationState.CreateProperty<ConversationData>(nameof(ConversationData)).GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
            var userId = activity.From!.Id;
            if (userId is not null)
            {
                data.LanguageByUser.Remove(userId);
                data.FirstLanguageByUser.Remove(userId);
                data.LastChecklistByUser.Remove(userId);
                data.ShareTargetSavedAt.Remove(userId);
            }
        }
        else
        {
            await conversationState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);

            // Only the chat's language stays (a setting, no id, nothing about the person), so the next answer is not in
            // the client's locale's language instead of the one they used.
            var fresh = new ConversationData { WelcomeShown = true, KeptLanguage = language.Code() };
            await conversationState.CreateProperty<ConversationData>(nameof(ConversationData)).SetAsync(turnContext, fresh, cancellationToken).ConfigureAwait(false);
        }

        if (userState is not null && !string.IsNullOrEmpty(activity.From?.Id) && !string.IsNullOrEmpty(activity.ChannelId))
        {
            await userState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What was removed and what remains, in the person's language, with the 112 line.</summary>
    public IMessageActivity Erased(ErasureResult result, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(result);
        var erasure = texts.Root(language)["erasure"]!;
        var removed = new JsonArray(erasure["removes"]!.AsArray().Take(3).Select(n => n!.DeepClone()).ToArray());
        removed.Add(TextFormat.Format(erasure["casesLine"]!.GetValue<string>(), ("count", result.Cases.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var sections = new JsonArray(
            new JsonObject { ["heading"] = erasure["removedHeading"]!.GetValue<string>(), ["lines"] = removed },
            new JsonObject { ["heading"] = erasure["keptHeading"]!.GetValue<string>(), ["lines"] = new JsonArray(erasure["keptLine"]!.GetValue<string>()) });
        return triageCards.Message(erasure["doneTitle"]!.GetValue<string>(), string.Empty, sections, erasure["footer"]!.GetValue<string>(), language);
    }

    /// <summary>"nonce.issued.proof": a random nonce (the single-use key), when it was issued (Unix seconds), and a one-way
    /// proof of whom it was shown to and of both (the card travels through Teams; no id in it).</summary>
    private string NewToken(ChannelAccount? account)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var issued = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return nonce + "." + issued + "." + Proof(account, nonce, issued);
    }

    /// <summary>The nonce and issue time of a well-formed token shown to <paramref name="account"/>; null otherwise.</summary>
    private static (string Nonce, DateTimeOffset IssuedAt)? ParseToken(string? token, ChannelAccount? account)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || parts[0].Length != 16 || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > 32_503_680_000 // year 3000: keeps FromUnixTimeSeconds in range
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Proof(account, parts[0], parts[1]))))
        {
            return null;
        }

        return (parts[0], DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    private static string Proof(ChannelAccount? account, string nonce, string issued) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("erase-card\n" + ReporterIds.Of(account) + "\n" + nonce + "\n" + issued)))[..16];
}
