using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Conversation;

/// <summary>What the bot remembers about one conversation (stored in ConversationState, Table Storage).</summary>
public sealed class ConversationData : IDialogStateHolder
{
    /// <summary>The welcome card has been shown here; it is shown once per conversation.</summary>
    public bool WelcomeShown { get; set; }

    /// <summary>When the bot last handled a message here (UTC).</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>When this personal chat's conversation reference was last stored for proactive messages.</summary>
    public DateTimeOffset? ReferenceSavedAt { get; set; }

    /// <summary>
    /// The ids of the last few messages handled here, saved with the state they produced: a redelivered message whose id
    /// is here was handled already, and of two copies handled at once only the one whose state write wins (ETag) counts.
    /// </summary>
    public List<string> RecentActivityIds { get; set; } = [];

    /// <summary>Hash of the conversation reference last stored for proactive messages: it is written again only when it changes.</summary>
    public string? ReferenceFingerprint { get; set; }

    /// <summary>The dialog in progress (a triage), if any.</summary>
    public DialogState? Dialog { get; set; }

    /// <summary>
    /// The case this chat's triage saved last, until the next triage starts: asking SKR's advisers about it right after
    /// the guidance needs no read (a saved case's content never changes; erasure deletes it with the state).
    /// </summary>
    public CaseRecord? LastCase { get; set; }

    /// <summary>
    /// Languages people chose here with "svenska"/"english", by user id. Kept with the conversation (not in
    /// UserState) so a turn still costs one state read; in personal chat the two are the same person anyway.
    /// </summary>
    public Dictionary<string, string> LanguageByUser { get; set; } = [];

    /// <summary>
    /// The language of the first activity that carried a locale (installationUpdate or a message), or of the greeting
    /// the person typed, by user id: used until the person chooses one with "svenska"/"english".
    /// </summary>
    public Dictionary<string, string> FirstLanguageByUser { get; set; } = [];

    /// <summary>
    /// A personal chat's language kept after its person erased their data ("sv"/"en", a setting with no id and
    /// nothing about them), so the chat does not fall back to the client's locale.
    /// </summary>
    public string? KeptLanguage { get; set; }

    /// <summary>The checklist each person here opened last, by user id, so a typed "återställ" knows which one.</summary>
    public Dictionary<string, string> LastChecklistByUser { get; set; } = [];

    /// <summary>
    /// When this group chat or channel was last stored as a place each person can share checklists to, by user id:
    /// refreshed weekly, so a mention costs no extra write most of the time.
    /// </summary>
    public Dictionary<string, DateTimeOffset> ShareTargetSavedAt { get; set; } = [];

    /// <summary>
    /// The user's chosen language, else the one kept after an erasure, else the language of their first activity with a
    /// locale, else the client's locale (Swedish unless it is English).
    /// </summary>
    public UserLanguage LanguageFor(string? userId, string? locale)
    {
        if (userId is not null && LanguageByUser.TryGetValue(userId, out var chosen))
        {
            return FromCode(chosen);
        }

        if (KeptLanguage is not null)
        {
            return FromCode(KeptLanguage);
        }

        return userId is not null && FirstLanguageByUser.TryGetValue(userId, out var first)
            ? FromCode(first)
            : UserLanguages.FromLocale(locale);
    }

    /// <summary>Remembers the language of the first locale this person's activities carry (later ones change nothing).</summary>
    public void RememberLocale(string? userId, string? locale)
    {
        if (userId is null || string.IsNullOrWhiteSpace(locale) || KeptLanguage is not null || LanguageByUser.ContainsKey(userId))
        {
            return;
        }

        FirstLanguageByUser.TryAdd(userId, UserLanguages.FromLocale(locale).Code());
    }

    private static UserLanguage FromCode(string code) => code == "en" ? UserLanguage.English : UserLanguage.Swedish;
}
