using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Cards;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.AuditEvents;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Escalations;

/// <summary>
/// Posted cards on Azurite: a delivered case card is remembered where it was posted, and every later change updates
/// each remembered card in place (the adviser's view and the reporter's view) through the outbox.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class CardUpdateTests(AzuriteFixture azurite)
{
    /// <summary>E-mail to advisers Teams could not reach, recorded (the SMTP path itself is tested against a real server).</summary>
    private RecordingMail Mail { get; } = new();

    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000e1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000e2";

    private static readonly SupportOptions Support = EscalationTestBed.Support(SafetyAdviserAad, ThreatsAdviserAad);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    private sealed record Parts(EscalationRepository Escalations, CaseRepository Cases, OutboxProcessor Outbox, CaseLifecycle Lifecycle);

    private Parts NewProcess(ITeamsMessenger messenger)
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var escalations = new EscalationRepository(tables);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var contacts = SupportContactsFactory.From(Support);
        var calendar = EscalationTestBed.OfficeHours;
        var deadlines = new AcknowledgementDeadlines(calendar, new Dictionary<string, string> { ["HOG"] = "00:30" });
        var triageCards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, contacts);
        var cards = new EscalationCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, contacts, triageCards, calendar);
        var outbox = new OutboxProcessor(
            escalations, incidents, messenger, Mail, cards,
            SupportBot.Bot.Options.SupportContactsFactory.From(Support),
            new OutboxSettings(2, 3),
            new SupportBot.Storage.Tables.StorageFailures(),
            _time, NullLogger<OutboxProcessor>.Instance);
        var lifecycle = new CaseLifecycle(escalations, incidents, new AuditRepository(tables), contacts, deadlines, _time, TestPseudonyms.Instance);
        return new Parts(escalations, incidents, outbox, lifecycle);
    }

    private async Task<CaseRecord> EscalateAsync(Parts parts)
    {
        var organisation = "Kommun " + Guid.NewGuid().ToString("N")[..8];
        var now = _time.GetUtcNow();
        var record = await parts.Cases.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, Guid.NewGuid().ToString(), "Karin Ek", Urgency.Hog,
                new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "weapons", ["channel"] = "email", ["organisation"] = organisation },
                now, "sv"),
            CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        Assert.True(await parts.Escalations.SubmitAsync(EscalationRecord.From(record, decision, now), decision.NotifyNow, CancellationToken.None));
        return record;
    }

    private static Mock<ITeamsMessenger> Messenger() => EscalationTestBed.DeliveringMessenger();

    private static ConversationReference Reference(string conversationId, string userId) => new()
    {
        Conversation = new ConversationAccount(id: conversationId),
        ServiceUrl = "http://localhost/",
        ChannelId = "msteams",
        Bot = new ChannelAccount(id: "28:supportbot", name: "SupportBot"),
        User = new ChannelAccount(id: userId),
    };

    [Fact]
    public async Task ProcessDueAsync_CaseTaken_UpdatesEveryPostedCardInPlace()
    {
        var messenger = Messenger();
        var parts = NewProcess(messenger.Object);
        var record = await EscalateAsync(parts);
        var adviserActivity = "adviser-activity-" + Guid.NewGuid().ToString("N");
        var reporterActivity = "reporter-activity-" + Guid.NewGuid().ToString("N");
        var adviserChat = Reference("a:adviser-" + Guid.NewGuid().ToString("N"), "29:greta");
        var reporterChat = Reference("a:reporter-" + Guid.NewGuid().ToString("N"), "29:karin");
        await parts.Escalations.RecordPostAsync(new CardPost(record.OrganisationKey, record.CaseNumber, NoticeRecipients.Adviser, "safety", adviserChat, adviserActivity, "sv"), CancellationToken.None);
        await parts.Escalations.RecordPostAsync(new CardPost(record.OrganisationKey, record.CaseNumber, NoticeRecipients.Reporter, record.ReporterId, reporterChat, reporterActivity, "sv"), CancellationToken.None);
        Assert.Equal(2, (await parts.Escalations.ListPostsAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None)).Count);
        await DrainOutboxAsync(parts);
        Assert.Empty(UpdatesOf(messenger, adviserActivity));

        _time.Advance(TimeSpan.FromMinutes(5));
        var taken = await parts.Lifecycle.ActAsync(
            new CaseCommand(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1, null, null),
            new ChannelAccount(id: "29:greta", aadObjectId: SafetyAdviserAad),
            TeamsActivities.AdviserTenantId,
            CancellationToken.None);
        Assert.True(taken.Changed, taken.Refusal);
        await DrainOutboxAsync(parts);
        await DrainOutboxAsync(parts);

        var (adviserReference, adviserCard) = Assert.Single(UpdatesOf(messenger, adviserActivity));
        Assert.Equal(adviserChat.Conversation.Id, adviserReference.Conversation.Id);
        Assert.Equal("http://localhost/", adviserReference.ServiceUrl);
        Assert.Contains("Status: Taget av Greta Berg", adviserCard, StringComparison.Ordinal);
        Assert.Contains(record.CaseNumber, adviserCard, StringComparison.Ordinal);

        // The updated card's buttons carry the new version, so a click on the old card is recognised as stale.
        var versions = Newtonsoft.Json.Linq.JObject.Parse(adviserCard).SelectTokens("$..data.version").Select(v => v.ToString()).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal("2", v));
        Assert.DoesNotContain("\"mention\"", adviserCard, StringComparison.Ordinal);

        var (reporterReference, reporterCard) = Assert.Single(UpdatesOf(messenger, reporterActivity));
        Assert.Equal(reporterChat.Conversation.Id, reporterReference.Conversation.Id);
        Assert.Contains("Greta Berg har tagit ditt ärende.", reporterCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Jag tar detta", reporterCard, StringComparison.Ordinal);

        // The reporter also got one short text line saying what happened: no second card, no second "add information" box.
        messenger.Verify(
            m => m.SendToPersonAsync(record.ReporterId, It.Is<IMessageActivity>(a => (a.Attachments == null || a.Attachments.Count == 0) && a.Text.Contains("Greta Berg har tagit ditt ärende " + record.CaseNumber, StringComparison.Ordinal)), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task ProcessDueAsync_NewCaseCardDelivered_IsRecordedAsPost()
    {
        var conversation = "a:greta-" + Guid.NewGuid().ToString("N");
        var messenger = Messenger();
        var parts = NewProcess(messenger.Object);
        var record = await EscalateAsync(parts);

        // Teams answers the adviser's card about this case with where it was posted (other tests' rows share the outbox).
        messenger.Setup(m => m.SendToPersonAsync(SafetyAdviserAad, It.Is<IMessageActivity>(a => CardText(a).Contains(record.CaseNumber, StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Delivery(DeliveryResult.Delivered, Reference(conversation, "29:greta"), "activity-1"));

        await DrainOutboxAsync(parts);

        messenger.Verify(m => m.SendToPersonAsync(SafetyAdviserAad, It.Is<IMessageActivity>(a => CardText(a).Contains(record.CaseNumber, StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
        var post = Assert.Single(await parts.Escalations.ListPostsAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None));
        Assert.Equal(record.OrganisationKey, post.OrganisationKey);
        Assert.Equal(record.CaseNumber, post.CaseNumber);
        Assert.Equal(NoticeRecipients.Adviser, post.Audience);
        Assert.Equal("safety", post.Recipient);
        Assert.Equal("activity-1", post.ActivityId);
        Assert.Equal("sv", post.Language);
        Assert.Equal(conversation, post.Conversation.Conversation.Id);
        Assert.Equal("http://localhost/", post.Conversation.ServiceUrl);

        // A later change updates that very message.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await parts.Lifecycle.ActAsync(
            new CaseCommand(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1, null, null),
            new ChannelAccount(id: "29:anna", aadObjectId: ThreatsAdviserAad),
            TeamsActivities.AdviserTenantId,
            CancellationToken.None)).Changed);
        await DrainOutboxAsync(parts);

        var (reference, card) = Assert.Single(UpdatesOf(messenger, "activity-1"), u => u.Reference.Conversation.Id == conversation);
        Assert.Equal(conversation, reference.Conversation.Id);
        Assert.Contains("Status: Taget av Anna Lena Pogulis", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordPostAsync_SameMessageTwice_IsKeptOnce()
    {
        var parts = NewProcess(Messenger().Object);
        var record = await EscalateAsync(parts);
        var post = new CardPost(record.OrganisationKey, record.CaseNumber, NoticeRecipients.Adviser, "safety", Reference("a:twice-" + Guid.NewGuid().ToString("N"), "29:greta"), "activity-7", "sv");

        await parts.Escalations.RecordPostAsync(post, CancellationToken.None);
        await parts.Escalations.RecordPostAsync(post with { Language = "en" }, CancellationToken.None);

        var stored = Assert.Single(await parts.Escalations.ListPostsAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None));
        Assert.Equal("en", stored.Language);
    }

    /// <summary>Delivers everything due; the outbox takes at most 20 rows a pass and other tests' rows share the table.</summary>
    private static async Task DrainOutboxAsync(Parts parts)
    {
        for (var pass = 0; pass < 20; pass++)
        {
            if (await parts.Outbox.ProcessDueAsync(CancellationToken.None) == 0)
            {
                return;
            }
        }
    }

    private static List<(ConversationReference Reference, string Card)> UpdatesOf(Mock<ITeamsMessenger> messenger, string activityId) =>
        messenger.Invocations
            .Where(i => i.Method.Name == nameof(ITeamsMessenger.UpdateAsync) && (string)i.Arguments[1] == activityId)
            .Select(i => ((ConversationReference)i.Arguments[0], CardText((IMessageActivity)i.Arguments[2])))
            .ToList();

    private static string CardText(IMessageActivity activity) =>
        Newtonsoft.Json.Linq.JObject.FromObject(activity.Attachments[0].Content).ToString();
}
