using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// The cards about an escalated case: the adviser's case card (status, answers and the lifecycle actions, with an
/// @mention when it is a notification), the reporter's case card (status, how to reach the adviser, add information),
/// the advisers' queue, and the "phone now" card.
/// </summary>
public sealed class EscalationCards(
    TextCatalog texts,
    CardLibrary cards,
    GuidanceContent guidance,
    FlowCatalog flows,
    EscalationRouter router,
    SupportContacts contacts,
    TriageCards triageCards,
    OfficeCalendar calendar)
{
    /// <summary>The new-case card for one adviser, with an @mention of them (<see cref="AdviserCase"/> with a headline).</summary>
    public IMessageActivity NewCase(CaseRecord record, EscalationRecord escalation, string adviserName, string adviserTeamsId, UserLanguage language) =>
        AdviserCase(record, escalation, language, new CardMention(adviserName, adviserTeamsId, NoticeKinds.NewCase));

    /// <summary>
    /// The adviser's view of a case as it is now. With <paramref name="mention"/> it notifies that adviser (new case,
    /// reminder, handover); <paramref name="notice"/> is shown above it (e.g. why an action was refused).
    /// </summary>
    /// <param name="followUpLine">The latest follow-up answer as one line ("Uppföljning …"), shown under the status; none when empty.</param>
    public IMessageActivity AdviserCase(CaseRecord record, EscalationRecord escalation, UserLanguage language, CardMention? mention = null, string? notice = null, string? viewer = null, string? followUpLine = null)
    {
        var card = AdviserCaseCard(record, escalation, language, mention, notice, viewer, followUpLine);
        return CardAttachments.ToMessage(card, PlainTitle(escalation, language));
    }

    /// <param name="viewer">The adviser key the card is for: a new case is offered for hand-over to the other adviser, never to themself.</param>
    public JsonObject AdviserCaseCard(CaseRecord record, EscalationRecord escalation, UserLanguage language, CardMention? mention = null, string? notice = null, string? viewer = null, string? followUpLine = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(escalation);
        var culture = Culture(language);
        var decision = router.Route(new TriageAnswers(record.Answers), record.Urgency);
        var mentionText = mention is null ? null : $"<at>{CardText.Escape(mention.Name, CardText.NameDisplayLength)}</at>";
        var title = mention is null
            ? PlainTitle(escalation, language)
            : Format(
                texts.Get(language, mention.Kind switch
                {
                    NoticeKinds.Reminder => "adviserCard.reminderTitle",
                    NoticeKinds.Handover => "adviserCard.handoverTitle",
                    NoticeKinds.Backup => "adviserCard.backupTitle",
                    _ => "adviserCard.title",
                }),
                ("mention", mentionText!),
                ("number", record.CaseNumber),
                ("organisation", CardText.Escape(record.OrganisationName, CardText.OrganisationDisplayLength)),
                ("adviser", CardText.Escape(contacts.AdviserName(escalation.PrimaryAdviser))));
        var handoverTarget = contacts.OtherAdviser(escalation.Status == EscalationStatus.Taken ? escalation.AssignedAdviser : viewer ?? escalation.PrimaryAdviser);
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["notice"] = notice ?? string.Empty,
            ["title"] = title,
            ["statusLine"] = AdviserStatusLine(escalation, language),
            ["statusColor"] = escalation.Status switch { EscalationStatus.New => "Attention", EscalationStatus.Taken => "Accent", _ => "Good" },
            ["noteLine"] = escalation.ClosingNote is { Length: > 0 } note && !escalation.IsOpen
                ? Format(texts.Get(language, "adviserCard.noteLine"), ("note", CardText.Escape(note)))
                : string.Empty,
            ["followUpLine"] = CardText.Escape(followUpLine ?? string.Empty),
            ["routingLine"] = router.CardLine(decision, contacts.AdviserName, language),
            // Who, what and how urgent lead, above the status (deadline) and the buttons; the answers and the rest
            // unfold under "Visa svaren", so the card's top and "Jag tar detta" are in view on arrival (issue 17).
            ["leadFacts"] = new JsonArray(
                Fact(texts.Get(language, "adviserCard.facts.urgency"), guidance.Urgencies[record.Urgency.Code()].Label.For(language)),
                Fact(texts.Get(language, "adviserCard.facts.what"), What(record, language)),
                Fact(texts.Get(language, "adviserCard.facts.reporter"), Format(texts.Get(language, "adviserCard.reporterContact"), ("name", ReporterLabel(record, language))))),
            ["facts"] = new JsonArray(
                Fact(texts.Get(language, "adviserCard.facts.case"), record.CaseNumber),
                Fact(texts.Get(language, "adviserCard.facts.organisation"), CardText.Escape(record.OrganisationName, CardText.OrganisationDisplayLength)),
                Fact(texts.Get(language, "adviserCard.facts.time"), LocalTime(escalation.EscalatedAt, culture))),
            ["answersTitle"] = texts.Get(language, "adviserCard.answersTitle"),
            ["answers"] = new JsonArray(Answers(record, language).ToArray()),
            ["showAnswersTitle"] = texts.Get(language, "adviserCard.showAnswers"),
            ["footer"] = texts.Get(language, "adviserCard.footer"),
            ["org"] = escalation.OrganisationKey,
            ["case"] = escalation.CaseNumber,
            ["version"] = escalation.Version,
            ["lang"] = language.Code(), // the answer to a click is in the card's language, with no state read (AdviserDesk)
            ["canTake"] = escalation.Status == EscalationStatus.New,
            ["canHandOver"] = escalation.IsOpen && handoverTarget is not null,
            ["canClose"] = escalation.IsOpen,
            ["canReopen"] = !escalation.IsOpen,
            ["takeTitle"] = texts.Get(language, "adviserCard.actions.take"),
            ["handoverTitle"] = Format(texts.Get(language, "adviserCard.actions.handover"), ("adviser", contacts.AdviserName(handoverTarget))),
            ["closeTitle"] = texts.Get(language, "adviserCard.actions.close"),
            ["closeConfirm"] = texts.Get(language, "adviserCard.actions.closeConfirm"),
            ["noteLabel"] = texts.Get(language, "adviserCard.actions.noteLabel"),
            ["noteRequired"] = texts.Get(language, "adviserCard.actions.noteRequired"),
            ["reopenTitle"] = texts.Get(language, "adviserCard.actions.reopen"),
            ["mentions"] = mention is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["text"] = mentionText, ["id"] = mention.TeamsId, ["name"] = mention.Name }),
        };
        return cards.Render("escalation", data);
    }

    /// <summary>
    /// The reporter's view of their escalated case: its status, the adviser and how to reach them, and (while open) a box
    /// for more information. <paramref name="change"/> makes it a notification of what just happened ("Greta Berg har tagit
    /// ditt ärende").
    /// </summary>
    public IMessageActivity ReporterCase(EscalationRecord escalation, UserLanguage language, string? change = null, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var adviserKey = escalation.AssignedAdviser ?? escalation.PrimaryAdviser;
        var adviser = contacts.Adviser(adviserKey);
        var adviserName = CardText.Escape(contacts.AdviserName(adviserKey));
        var title = change is not null
            ? Format(texts.Get(language, "reporterCase.changed." + ChangeKey(change)), ("adviser", adviserName), ("number", escalation.CaseNumber))
            : Format(texts.Get(language, "reporterCase.title"), ("number", escalation.CaseNumber));
        var statusKey = escalation.Status switch
        {
            EscalationStatus.New => "new",
            EscalationStatus.Taken => "taken",
            _ => "closed",
        };
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["notice"] = notice ?? string.Empty,
            ["title"] = title,
            // A notification of a change says it in its title; the case card says where the case is.
            ["statusLine"] = change is null ? Format(texts.Get(language, "reporterCase.status." + statusKey), ("adviser", adviserName)) : string.Empty,
            ["statusColor"] = escalation.IsOpen ? "Accent" : "Good",
            ["noteLine"] = escalation.ClosingNote is { Length: > 0 } note && !escalation.IsOpen
                ? Format(texts.Get(language, "reporterCase.noteLine"), ("note", CardText.Escape(note)))
                : string.Empty,
            ["contactLine"] = Format(
                texts.Get(language, "reporterCase.contactLine"),
                ("adviser", adviserName),
                ("phone", adviser?.Phone ?? contacts.SwitchboardPhone),
                ("email", adviser?.Email ?? string.Empty),
                ("hours", language == UserLanguage.English ? contacts.OfficeHours.En : contacts.OfficeHours.Sv)),
            ["isOpen"] = escalation.IsOpen,
            ["infoLabel"] = texts.Get(language, "reporterCase.infoLabel"),
            ["infoSend"] = texts.Get(language, "reporterCase.infoSend"),
            ["myCasesTitle"] = texts.Get(language, "reporterCase.myCases"),
            ["case"] = escalation.CaseNumber,
            ["footer"] = texts.Get(language, "reporterCase.footer"),
        };
        return CardAttachments.ToMessage(cards.Render("case-status", data), title);
    }

    /// <summary>
    /// To the reporter when their case changes: one short text line ("Greta Berg har tagit ditt ärende HH-2026-0001. …"),
    /// no card and no second "add information" box; the case card they already have is updated in place.
    /// </summary>
    public IMessageActivity ReporterNotice(EscalationRecord escalation, UserLanguage language, string change)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var adviserName = contacts.AdviserName(escalation.AssignedAdviser ?? escalation.PrimaryAdviser);
        var what = Format(texts.Get(language, "reporterCase.changed." + ChangeKey(change)), ("adviser", adviserName), ("number", escalation.CaseNumber));
        return MessageFactory.Text(Format(texts.Get(language, "status.notice"), ("change", what)));
    }

    /// <summary>To the adviser: the reporter added information to the case (the text made inert).</summary>
    public IMessageActivity Information(CaseRecord record, string information, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(record);
        var title = Format(
            texts.Get(language, "adviserCard.infoTitle"),
            ("number", record.CaseNumber),
            ("reporter", ReporterLabel(record, language)),
            ("organisation", CardText.Escape(record.OrganisationName, CardText.OrganisationDisplayLength)));
        return triageCards.Message(title, CardText.Escape(information), new JsonArray(), texts.Get(language, "adviserCard.infoFooter"), language);
    }

    /// <summary>The reporter as a card shows them: their name, or after "radera mina uppgifter" their pseudonym (never the name).</summary>
    private string ReporterLabel(CaseRecord record, UserLanguage language) =>
        Privacy.ErasedPeople.IsPseudonym(record.ReporterId)
            ? Format(texts.Get(language, "erasure.erasedReporter"), ("pseudonym", record.ReporterId))
            : CardText.Escape(record.ReporterName, CardText.NameDisplayLength);

    /// <summary>Cases on one page of the queue: 25 lines keep the card far below Teams' 28 KB whatever the names.</summary>
    public const int QueuePageSize = 25;

    /// <summary>
    /// The advisers' queue: unassigned cases and the ones <paramref name="adviserKey"/> holds, most urgent then oldest
    /// first, <see cref="QueuePageSize"/> at a time with "N till" and buttons to page (<paramref name="page"/> from 0; out of
    /// range shows the nearest page).
    /// </summary>
    public IMessageActivity Queue(IEnumerable<EscalationRecord> open, string adviserKey, UserLanguage language, int page = 0)
    {
        ArgumentNullException.ThrowIfNull(open);
        var all = QueueOrder(open, adviserKey).ToList();
        var pages = Math.Max(1, (all.Count + QueuePageSize - 1) / QueuePageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var mine = all.Skip(page * QueuePageSize).Take(QueuePageSize).ToList();
        var after = all.Count - ((page * QueuePageSize) + mine.Count);
        var paging = new JsonArray();
        if (page > 0)
        {
            paging.Add(new JsonObject { ["title"] = texts.Get(language, "limits.queuePrevious"), ["value"] = (page - 1).ToString(CultureInfo.InvariantCulture) });
        }

        if (after > 0)
        {
            paging.Add(new JsonObject { ["title"] = texts.Get(language, "limits.queueNext"), ["value"] = (page + 1).ToString(CultureInfo.InvariantCulture) });
        }

        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = texts.Get(language, "queue.title"),
            ["intro"] = texts.Get(language, "queue.intro"),
            ["emptyText"] = texts.Get(language, "queue.empty"),
            ["pageText"] = pages > 1 ? Format(texts.Get(language, "limits.queuePage"), ("page", (page + 1).ToString(CultureInfo.InvariantCulture)), ("pages", pages.ToString(CultureInfo.InvariantCulture))) : string.Empty,
            ["moreText"] = after > 0 ? Format(texts.Get(language, "limits.queueMore"), ("count", after.ToString(CultureInfo.InvariantCulture))) : string.Empty,
            ["paging"] = paging,
            ["cases"] = new JsonArray(mine.Select(e => (JsonNode)new JsonObject
            {
                ["number"] = e.CaseNumber,
                ["org"] = e.OrganisationKey,
                ["title"] = Format(
                    texts.Get(language, "queue.line"),
                    ("number", e.CaseNumber),
                    ("organisation", CardText.Escape(e.OrganisationName, CardText.OrganisationDisplayLength)),
                    ("urgency", guidance.Urgencies[e.Urgency.Code()].Label.For(language)),
                    ("status", texts.Get(language, e.Status == EscalationStatus.New ? "queue.new" : "queue.mine"))),
            }).ToArray()),
        };
        var fallback = texts.Get(language, "queue.title") + "\n" + string.Join("\n", mine.Select(e => e.CaseNumber));
        return CardAttachments.ToMessage(cards.Render("queue", data), fallback);
    }

    /// <summary>Unassigned (Ny) cases and those the adviser holds; the most urgent first, then the oldest.</summary>
    public static IEnumerable<EscalationRecord> QueueOrder(IEnumerable<EscalationRecord> open, string adviserKey) =>
        open.Where(e => e.Status == EscalationStatus.New || (e.Status == EscalationStatus.Taken && e.AssignedAdviser == adviserKey))
            .OrderByDescending(e => e.Urgency)
            .ThenBy(e => e.EscalatedAt)
            .ThenBy(e => e.CaseNumber, StringComparer.Ordinal);

    /// <summary>To the reporter when no adviser could be reached in Teams: phone them now.</summary>
    /// <summary>
    /// To the reporter when an adviser could not be reached in Teams: exactly what reached whom (the e-mail, the backup
    /// adviser), and the phone numbers to use now only during office hours (outside them nobody answers; 112 stays first).
    /// </summary>
    public IMessageActivity PhoneNow(string caseNumber, DeliveryReport? report, DateTimeOffset now, UserLanguage language)
    {
        var lines = new List<string>();
        if (report is not null)
        {
            lines.Add(Format(texts.Get(language, "delivery.notReached"), ("adviser", contacts.AdviserName(report.Unreached))));
            lines.Add(texts.Get(language, report.Emailed ? "delivery.emailed" : "delivery.notEmailed"));
            lines.Add(report.Backup is { } backup
                ? Format(texts.Get(language, "delivery.backup"), ("backup", contacts.AdviserName(backup)))
                : texts.Get(language, "delivery.noBackup"));
        }

        var inOfficeHours = calendar.IsOpen(now);
        lines.Add(inOfficeHours
            ? texts.Get(language, "adviserCard.phoneNow")
            : Format(texts.Get(language, "delivery.outsideHours"), ("hours", language == UserLanguage.English ? contacts.OfficeHours.En : contacts.OfficeHours.Sv)));
        var title = Format(texts.Get(language, report is null ? "adviserCard.phoneNowTitle" : "delivery.title"), ("number", caseNumber));
        return inOfficeHours
            ? triageCards.EscalationContacts(caseNumber, language, title, string.Join(" ", lines))
            : triageCards.Message(title, string.Join(" ", lines), [], texts.Get(language, "escalation.footer"), language);
    }

    /// <summary>The e-mail to an adviser Teams could not reach: no personal data, only what to open in Teams.</summary>
    public AdviserEmail Email(EscalationRecord escalation, string noticeKind)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var language = UserLanguage.Swedish;
        var kind = noticeKind is NoticeKinds.Information or NoticeKinds.Reminder or NoticeKinds.Handover ? noticeKind : NoticeKinds.NewCase;
        // The backup gets a new case for them, like any other.
        var args = new[]
        {
            ("number", escalation.CaseNumber),
            ("urgency", guidance.Urgencies[escalation.Urgency.Code()].Label.For(language)),
            ("organisation", escalation.OrganisationName),
        };
        return new AdviserEmail(
            Format(texts.Get(language, "delivery.email.subject." + kind), args),
            Format(texts.Get(language, "delivery.email.body"), args) + "\n\n" + texts.Get(language, "delivery.email.footer"));
    }

    /// <summary>A refusal or a short message on its own (no case to show).</summary>
    public IMessageActivity Refused(string reason, UserLanguage language) => triageCards.Notice("caseActions.refused." + reason, language);

    /// <summary>To the reporter: their added information went to the adviser.</summary>
    public IMessageActivity Sent(string adviserName, UserLanguage language) =>
        triageCards.Message(Format(texts.Get(language, "reporterCase.infoSent"), ("adviser", CardText.Escape(adviserName))), string.Empty, new JsonArray(), texts.Get(language, "reporterCase.footer"), language);

    public JsonObject RefusedCard(string reason, UserLanguage language) =>
        triageCards.InfoCard(RefusalText(reason, language), string.Empty, new JsonArray(), string.Empty, language);

    public string RefusalText(string reason, UserLanguage language) => texts.Get(language, "caseActions.refused." + reason);

    /// <summary>"case.take" → "take" (texts are looked up by dotted paths); anything unknown reads as a plain update.</summary>
    private static string ChangeKey(string change) => change switch
    {
        CaseCommand.Take => "take",
        CaseCommand.Handover => "handover",
        CaseCommand.Close => "close",
        CaseCommand.Reopen => "reopen",
        _ => "backup",
    };

    private string AdviserStatusLine(EscalationRecord escalation, UserLanguage language)
    {
        var culture = Culture(language);
        return escalation.Status switch
        {
            EscalationStatus.New when escalation.AcknowledgeBy is { } due =>
                Format(texts.Get(language, "adviserCard.status.new"), ("deadline", LocalTime(due, culture))),
            EscalationStatus.New => texts.Get(language, "adviserCard.status.newNoDeadline"),
            EscalationStatus.Taken => Format(texts.Get(language, "adviserCard.status.taken"), ("adviser", CardText.Escape(contacts.AdviserName(escalation.AssignedAdviser))), ("time", LocalTime(escalation.ChangedAt ?? escalation.EscalatedAt, culture))),
            _ => Format(texts.Get(language, "adviserCard.status.closed"), ("adviser", CardText.Escape(contacts.AdviserName(escalation.AssignedAdviser))), ("time", LocalTime(escalation.ChangedAt ?? escalation.EscalatedAt, culture))),
        };
    }

    private string PlainTitle(EscalationRecord escalation, UserLanguage language) =>
        Format(texts.Get(language, "adviserCard.plainTitle"), ("number", escalation.CaseNumber), ("organisation", CardText.Escape(escalation.OrganisationName, CardText.OrganisationDisplayLength)));

    /// <summary>Times as the advisers' office reads them (Europe/Stockholm), e.g. "24 nov. 2026 10:32".</summary>
    private string LocalTime(DateTimeOffset instant, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(instant, calendar.TimeZone).ToString("d MMM yyyy HH:mm", culture);

    private static CultureInfo Culture(UserLanguage language) => CultureInfo.GetCultureInfo(language == UserLanguage.English ? "en-GB" : "sv-SE");

    /// <summary>Each answered question with its answer as the reporter saw it; free text made inert.</summary>
    private IEnumerable<JsonNode> Answers(CaseRecord record, UserLanguage language)
    {
        var flow = flows[TriageCompletion.TriageFlowId];
        foreach (var step in flow.Steps)
        {
            // The organisation is one of the card's facts already (the directory's name, not the stored code).
            if (step.Kind == StepKind.Organisation || !record.Answers.TryGetValue(step.Id, out var answer) || answer.Length == 0)
            {
                continue;
            }

            var shown = step.Kind switch
            {
                StepKind.Text => CardText.Escape(answer),
                StepKind.YesNo => texts.Get(language, answer == "yes" ? "dialog.buttons.yes" : "dialog.buttons.no"),
                _ when answer.StartsWith(AnswerParser.DatePrefix, StringComparison.Ordinal) => answer[AnswerParser.DatePrefix.Length..],
                _ => string.Join(", ", answer.Split(',').Select(id => step.Choices.FirstOrDefault(c => c.Id == id)?.Label.For(language) ?? id)),
            };
            yield return Fact(AnswerLabel(step, language), shown);
        }
    }

    /// <summary>A short label for a triage step ("Polisanmält"), not the whole question with how to answer it.</summary>
    private string AnswerLabel(StepDefinition step, UserLanguage language) => texts.Get(language, "adviserCard.answerLabels." + step.Id);

    /// <summary>What happened, in the words of the "what" step's choices ("Hot, Näthat"); "–" when not answered.</summary>
    private string What(CaseRecord record, UserLanguage language)
    {
        var step = flows[TriageCompletion.TriageFlowId].Steps.FirstOrDefault(s => s.Id == "what");
        if (step is null || !record.Answers.TryGetValue(step.Id, out var answer) || answer.Length == 0)
        {
            return "–";
        }

        return string.Join(", ", answer.Split(',').Select(id => step.Choices.FirstOrDefault(c => c.Id == id)?.Label.For(language) ?? id));
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
}

/// <summary>Who a notification card @mentions, and why (<see cref="NoticeKinds.NewCase"/>, Reminder or Handover).</summary>
public sealed record CardMention(string Name, string TeamsId, string Kind);

/// <summary>An e-mail to an adviser: subject and plain text, with no personal data.</summary>
public sealed record AdviserEmail(string Subject, string Body);

/// <summary>What happened when an adviser could not be reached in Teams: whether they got an e-mail, and who got the case instead.</summary>
public sealed record DeliveryReport(string Unreached, bool Emailed, string? Backup)
{
    public string ToPayload() => System.Text.Json.JsonSerializer.Serialize(this);

    /// <summary>The report in a notification's payload; null for older rows without one.</summary>
    public static DeliveryReport? FromPayload(string? payload)
    {
        if (string.IsNullOrEmpty(payload) || payload[0] != '{')
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<DeliveryReport>(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
