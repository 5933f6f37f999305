using System.Text.Json.Nodes;
using SupportBot.Cards;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Cards;

/// <summary>
/// Every card the bot can send, produced by the real renderers in both languages, recorded as (template,
/// data) pairs so the tests can replay them in Microsoft's official engine. New cards join by being rendered here.
/// </summary>
internal static class CardSamples
{
    public static readonly SupportContacts Contacts = new(
        "08-452 70 00",
        [new AdviserContact("safety", "Greta Berg", "Trygghets- och säkerhetsfrågor", "Safety and security", "08-452 79 58", "greta.berg@skl.se", AadObjectId: GretaAad, TenantId: TestTenants.Skr),
         new AdviserContact("threats-hate-violence", "Anna Lena Pogulis", "Projektledare för hot, hat och våld", "Project manager for threats, hate and violence", "08-452 75 03", "anna-lena.pogulis@skl.se", TeamsUserId: AnnaTeamsId, TenantId: TestTenants.Skr)],
        new OfficeHoursText("mån–fre 08.00–17.00", "Mon–Fri 08:00–17:00"));

    public const string GretaAad = "00000000-0000-4000-8000-0000000000a1";

    /// <summary>A Tuesday at 10:00 in Stockholm (office hours) and the same night at 23:00 (outside them).</summary>
    private static readonly DateTimeOffset OfficeHoursInstant = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NightInstant = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);
    public const string AnnaTeamsId = "29:anna-lena-teams-id";

    public static readonly OfficeCalendar Calendar = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    /// <summary>A changed checklist item with a change note, a new answer and a changed guidance action.</summary>
    internal static IReadOnlyList<SupportBot.Dialogs.Content.VersionedItem> DigestSample()
    {
        var items = SupportBot.Dialogs.Content.ContentVersions.From(GuidanceContent.Default, ChecklistContent.Default, QuestionContent.Default).Items;
        var item = items.First(i => i.Kind == SupportBot.Dialogs.Content.ContentKind.ChecklistItem && i.ChecklistId == "social-media");
        var answer = items.First(i => i.Kind == SupportBot.Dialogs.Content.ContentKind.Answer);
        var action = items.First(i => i.Kind == SupportBot.Dialogs.Content.ContentKind.Guidance);
        return
        [
            item with { Version = 2, ChangeNote = new LocalizedText { Sv = "Nu även skärmdumpar av privata meddelanden.", En = "Now also screenshots of private messages." } },
            answer,
            action with { Version = 3 },
        ];
    }

    public static IReadOnlyList<(string Template, string Name, JsonNode? Data)> All()
    {
        var samples = new List<(string, string, JsonNode?)>();
        var current = string.Empty;
        var library = CardLibrary.Default.WithObserver((template, data) => samples.Add((template, current, data?.DeepClone())));
        var help = new HelpCards(TextCatalog.Default, library);
        var dialog = new DialogCards(TextCatalog.Default, library, Contacts);
        var triage = new TriageCards(TextCatalog.Default, library, GuidanceContent.Default, Contacts);
        var flow = FlowCatalog.Default["triage"];

        foreach (var language in Enum.GetValues<UserLanguage>())
        {
            var code = language.Code();
            current = $"welcome-{code}";
            help.Welcome(language);
            current = $"help-{code}";
            help.Help(language, notUnderstood: false);
            current = $"help-not-understood-{code}";
            help.Help(language, notUnderstood: true);
            var questions = new QuestionDesk(QuestionIndex.Default, QuestionContent.Default, GuidanceContent.Default, ChecklistContent.Default, new DialogVocabulary(TextCatalog.Default), dialog, TextCatalog.Default, library, Contacts);
            current = $"answer-{code}";
            questions.Answer("Hur polisanmäler jag hot mot en förtroendevald?", language);
            current = $"answer-contacts-{code}";
            questions.Answer("How do I reach SKR's advisers?", language);
            current = $"answer-none-{code}";
            questions.NoAnswer(language);
            current = $"digest-{code}";
            new SupportBot.Dialogs.Subscriptions.SubscriptionCards(TextCatalog.Default, library, ChecklistContent.Default).Digest(DigestSample(), language);

            var state = new DialogState { FlowId = flow.Id };
            foreach (var step in flow.Steps)
            {
                current = $"question-{step.Id}-{code}";
                dialog.Prompt(flow, step, state, language);
                current = $"question-{step.Id}-help-{code}";
                dialog.Prompt(flow, step, state, language, new PromptNote("dialog.genericHelp", IsStepHelp: true));
                state.History.Add(step.Id);
            }

            current = $"question-error-{code}";
            dialog.Prompt(flow, flow.Step("description"), state, language, new PromptNote("dialog.errors.tooLong", new Dictionary<string, string> { ["max"] = "500", ["length"] = "612" }, IsError: true));
            current = $"emergency-resume-{code}";
            dialog.Emergency(language, offerResume: true);
            current = $"emergency-{code}";
            dialog.Emergency(language, offerResume: false);
            current = $"idle-{code}";
            dialog.IdleOffer(language);
            current = $"notice-{code}";
            dialog.Notice("dialog.retryLimit", language);

            foreach (var record in SampleCases(code))
            {
                current = $"guidance-{record.CaseNumber}-{code}";
                triage.Guidance(record, language);
            }

            current = $"cases-{code}";
            triage.CaseList(SampleCases(code), language, flow);
            current = $"cases-empty-{code}";
            triage.CaseList([], language, flow);
            current = $"escalation-{code}";
            triage.EscalationContacts("HH-2026-0042", language);
            current = $"escalation-no-case-{code}";
            triage.EscalationContacts(null, language);
            current = $"escalation-sent-{code}";
            triage.EscalationSent("HH-2026-0042", "Till Greta Berg: hot med våldsmarkörer", newlySent: true, "Ny", outsideOfficeHours: true, language);
            current = $"escalation-already-{code}";
            triage.EscalationSent("HH-2026-0042", "Till Greta Berg: hot med våldsmarkörer", newlySent: false, "Tagen", outsideOfficeHours: false, language);

            var escalationCards = new EscalationCards(TextCatalog.Default, library, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, Contacts, triage, Calendar);
            foreach (var record in SampleCases(code))
            {
                var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
                var escalation = EscalationRecord.From(record, decision, record.CreatedAt, record.CreatedAt.AddMinutes(30));
                current = $"adviser-{record.CaseNumber}-{code}";
                escalationCards.NewCase(record, escalation, "Greta Berg", GretaAad, language);
                var taken = escalation with { Status = EscalationStatus.Taken, AssignedAdviser = "safety", Version = 2, ChangedAt = record.CreatedAt.AddMinutes(5) };
                var closed = taken with { Status = EscalationStatus.Closed, ClosingNote = "Ringde kanslichefen; polisanmälan **gjord**.", Version = 3 };
                current = $"adviser-taken-{record.CaseNumber}-{code}";
                escalationCards.AdviserCase(record, taken, language, notice: escalationCards.RefusalText(CaseRefusals.Stale, language));
                current = $"adviser-closed-{record.CaseNumber}-{code}";
                escalationCards.AdviserCase(record, closed, language);
                var followUpCards = new SupportBot.Dialogs.FollowUps.FollowUpCards(TextCatalog.Default, library, Calendar);
                var answered = new SupportBot.Dialogs.FollowUps.FollowUpRecord(record.OrganisationKey, record.CaseNumber, record.ReporterId, code, record.Urgency, record.CreatedAt)
                {
                    Answers = [new SupportBot.Dialogs.FollowUps.FollowUpAnswer(1, record.CreatedAt.AddDays(3), "worse", "not-contacted", true, "Ett nytt <b>brev</b> kom.")],
                };
                current = $"adviser-follow-up-{record.CaseNumber}-{code}";
                escalationCards.AdviserCase(record, taken, language, followUpLine: followUpCards.AdviserLine(answered, language));
                current = $"follow-up-{record.CaseNumber}-{code}";
                followUpCards.FollowUp(record, 1, language);
                current = $"adviser-backup-{record.CaseNumber}-{code}";
                escalationCards.AdviserCase(record, escalation, language, new CardMention("Anna Lena Pogulis", AnnaTeamsId, NoticeKinds.Backup), viewer: "threats-hate-violence");
                current = $"adviser-reminder-{record.CaseNumber}-{code}";
                escalationCards.AdviserCase(record, escalation, language, new CardMention("Anna Lena Pogulis", AnnaTeamsId, NoticeKinds.Reminder));
                current = $"reporter-case-{record.CaseNumber}-{code}";
                escalationCards.ReporterCase(escalation, language);
                current = $"reporter-taken-{record.CaseNumber}-{code}";
                escalationCards.ReporterCase(taken, language, CaseCommand.Take);
                current = $"reporter-closed-{record.CaseNumber}-{code}";
                escalationCards.ReporterCase(closed, language, CaseCommand.Close);
                current = $"adviser-info-{record.CaseNumber}-{code}";
                escalationCards.Information(record, "Han har **ringt** igen <b>i dag</b>.", language);
                current = $"queue-{record.CaseNumber}-{code}";
                escalationCards.Queue([escalation, taken with { CaseNumber = "HH-2026-0099" }], "safety", language);
                var many = Enumerable.Range(1, 60).Select(i => escalation with { CaseNumber = $"HH-2026-{i:0000}", EscalatedAt = escalation.EscalatedAt.AddMinutes(i) }).ToList();
                foreach (var page in (int[])[0, 1, 2])
                {
                    // The first page (next only), a middle one (both buttons) and the last (previous only).
                    current = $"queue-page-{page}-{record.CaseNumber}-{code}";
                    escalationCards.Queue(many, "safety", language, page);
                }
            }

            current = $"queue-empty-{code}";
            escalationCards.Queue([], "safety", language);
            current = $"refused-{code}";
            escalationCards.Refused(CaseRefusals.NotAdviser, language);
            current = $"info-sent-{code}";
            escalationCards.Sent("Greta Berg", language);

            current = $"phone-now-{code}";
            escalationCards.PhoneNow("HH-2026-0042", null, OfficeHoursInstant, language);
            current = $"delivery-emailed-backup-{code}";
            escalationCards.PhoneNow("HH-2026-0042", new DeliveryReport("safety", Emailed: true, Backup: "threats-hate-violence"), OfficeHoursInstant, language);
            current = $"delivery-night-{code}";
            escalationCards.PhoneNow("HH-2026-0042", new DeliveryReport("safety", Emailed: false, Backup: null), NightInstant, language);

            var places = new PlaceCards(TextCatalog.Default, triage, Contacts);
            current = $"tenant-refused-{code}";
            places.NotOnboarded(language);
            current = $"tenant-refused-card-{code}";
            places.NotOnboardedCard(language);
            current = $"personal-chat-invitation-{code}";
            places.PersonalChatInvitation("places.work.report", language);
            current = $"personal-chat-moved-card-{code}";
            places.MovedCard("places.work.case", language);

            AddChecklistSamples(new ChecklistCards(TextCatalog.Default, library, ChecklistContent.Default), language, name => current = name);
            AddOverviewSamples(new OverviewCards(TextCatalog.Default, library, GuidanceContent.Default, FlowCatalog.Default), language, name => current = name);
            AddErasureSamples(new ErasureDesk(new NoEraser(), new Microsoft.Bot.Builder.ConversationState(new Microsoft.Bot.Builder.MemoryStorage()), null, Contacts, triage, TextCatalog.Default, library), triage, language, name => current = name);
        }

        return samples;
    }

    /// <summary>The checklist list (with and without progress) and every checklist in each state its card can show.</summary>
    private static void AddChecklistSamples(ChecklistCards checklists, UserLanguage language, Action<string> name)
    {
        var code = language.Code();
        name($"checklists-{code}");
        checklists.List(new Dictionary<string, int>(), language);
        name($"checklists-progress-{code}");
        checklists.List(new Dictionary<string, int> { ["public-meetings"] = 2, ["evidence"] = 5 }, language, notice: TextCatalog.Default.Get(language, "checklist.unknown"));
        foreach (var checklist in ChecklistContent.Default.Checklists)
        {
            var some = checklist.Items.Take(2).Select(i => i.Id).ToHashSet();
            name($"checklist-{checklist.Id}-{code}");
            checklists.Message(checklist, new HashSet<string>(), new ChecklistView { CanShare = true }, language);
            name($"checklist-{checklist.Id}-saved-{code}");
            checklists.Message(checklist, some, new ChecklistView { Notice = checklists.Progress("checklist.saved", 2, checklist.Items.Count, language), CanShare = true, Targets = ShareTargets }, language);
            name($"checklist-{checklist.Id}-shared-copy-{code}");
            checklists.Message(checklist, new HashSet<string>(), new ChecklistView { SharedBy = "Maria [Holm](https://evil.example)" }, language);
            name($"checklist-{checklist.Id}-conflict-{code}");
            checklists.Message(checklist, some, new ChecklistView { Notice = TextCatalog.Default.Get(language, "checklist.conflict"), IsWarning = true }, language);
        }
    }

    /// <summary>
    /// The overview with the real chart (ScottPlot) over a busy year, so the size check sees a realistic PNG; an empty year;
    /// an organisation name that looks like markdown.
    /// </summary>
    private static void AddOverviewSamples(OverviewCards overview, UserLanguage language, Action<string> name)
    {
        var code = language.Code();
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var kinds = new[] { "threat", "violence", "online-hate", "harassment", "vandalism", "prevention", null };
        var incidents = Enumerable.Range(0, 400)
            .Select(i => new OverviewCase(now.AddHours(-i * 21), (Urgency)(i % 4), kinds[i % kinds.Length]))
            .ToList();
        var escalations = Enumerable.Range(0, 60)
            .Select(i => new OverviewEscalation(now.AddDays(-i * 5), i % 3 == 0, now.AddDays(-i * 5).AddMinutes(7 + (i * 13))))
            .ToList();
        var chart = new SupportBot.Bot.Overview.OverviewChart();
        foreach (var (suffix, organisation, data) in new[]
        {
            ("busy", "Exempelby kommun", new OverviewData(incidents, escalations)),
            ("empty", "Region [Test](https://evil.example)", new OverviewData([], [])),
        })
        {
            var stats = OverviewStats.From(data, now, Calendar.TimeZone);
            name($"overview-{suffix}-{code}");
            overview.Overview(organisation, stats, chart.RenderPng(overview.Chart(stats, language)), language);
        }
    }

    /// <summary>"radera mina uppgifter": the confirmation (for anyone and for an adviser), the result, cancel and a stranger's click.</summary>
    private static void AddErasureSamples(ErasureDesk erasure, TriageCards triage, UserLanguage language, Action<string> name)
    {
        var code = language.Code();
        name($"erasure-confirm-{code}");
        erasure.Confirmation(new Microsoft.Bot.Schema.ChannelAccount("29:kim", "Kim [Test](https://evil.example)", aadObjectId: "00000000-0000-4000-8000-000000000001"), TestTenants.A, language);
        name($"erasure-confirm-adviser-{code}");
        erasure.Confirmation(new Microsoft.Bot.Schema.ChannelAccount("29:greta", "Greta Berg", aadObjectId: GretaAad), TestTenants.Skr, language);
        name($"erasure-done-{code}");
        erasure.Erased(new ErasureResult(3, 1, 4, 2, 5, 1, 1), language);
        name($"erasure-cancelled-{code}");
        triage.Notice("erasure.cancelled", language);
        name($"erasure-not-yours-{code}");
        triage.Notice("erasure.notYours", language);
    }

    private sealed class NoEraser : IPersonalDataEraser
    {
        public Task<ErasureResult> EraseAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken) => Task.FromResult(ErasureResult.None);
    }

    /// <summary>A group chat with a name that looks like markdown, a nameless group chat and a channel.</summary>
    public static readonly IReadOnlyList<ShareTarget> ShareTargets =
    [
        new(ShareTarget.KeyFor("19:group@thread.v2"), ShareTarget.GroupChat, "Säkerhetsgruppen [test](https://evil.example)", new Microsoft.Bot.Schema.ConversationReference(), DateTimeOffset.UnixEpoch),
        new(ShareTarget.KeyFor("19:nameless@thread.v2"), ShareTarget.GroupChat, null, new Microsoft.Bot.Schema.ConversationReference(), DateTimeOffset.UnixEpoch),
        new(ShareTarget.KeyFor("19:channel@thread.tacv2"), ShareTarget.Channel, "Exempelby kommun › Incidenter", new Microsoft.Bot.Schema.ConversationReference(), DateTimeOffset.UnixEpoch),
    ];

    public static IReadOnlyList<CaseRecord> SampleCases(string language) =>
    [
        Case("HH-2026-0001", Urgency.Akut, new() { ["danger"] = "yes", ["what"] = "violence", ["channel"] = "meeting", ["targets"] = "several", ["markers"] = "weapons", ["repeated"] = "no", ["reported"] = "no", ["role"] = "yes", ["central"] = "no", ["when"] = "now", ["organisation"] = "Exempelby kommun", ["reporter-role"] = "security-officer" }, language),
        Case("HH-2026-0002", Urgency.Hog, new() { ["danger"] = "no", ["what"] = "threat", ["channel"] = "letter", ["targets"] = "relatives", ["markers"] = "knows-home,came-home", ["repeated"] = "yes", ["reported"] = "yes", ["role"] = "yes", ["central"] = "yes", ["when"] = "date:2026-11-20", ["organisation"] = "Region [Test](https://evil.example)", ["reporter-role"] = "elected-official", ["description"] = "**Hot** <script>x</script>" }, language),
        Case("HH-2026-0003", Urgency.Normal, new() { ["danger"] = "no", ["what"] = "online-hate", ["channel"] = "social-media", ["targets"] = "official", ["markers"] = "none", ["repeated"] = "no", ["reported"] = "no", ["role"] = "no", ["central"] = "no", ["when"] = "yesterday", ["organisation"] = "Exempelby kommun", ["reporter-role"] = "municipal-secretary" }, language),
        Case("HH-2026-0004", Urgency.Forebyggande, new() { ["danger"] = "no", ["what"] = "prevention", ["when"] = "upcoming", ["organisation"] = "Exempelby kommun", ["reporter-role"] = "head-of-chancellery" }, language),
    ];

    private static CaseRecord Case(string number, Urgency urgency, Dictionary<string, string> answers, string language) =>
        new(number, TestTenants.CodeA, answers["organisation"], "aad-1", "Kim Testsson", urgency, answers, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), CaseStatus.New, language, TestTenants.A);
}
