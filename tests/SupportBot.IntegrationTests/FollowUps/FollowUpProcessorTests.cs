using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Cases;
using SupportBot.Cards;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.FollowUps;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.FollowUps;

/// <summary>
/// The follow-up table on Azurite: two instances claim a due follow-up with its ETag and only one sends the card; a
/// transient failure leaves it to be tried again when the claim runs out; erasure and retention delete the rows.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class FollowUpProcessorTests(AzuriteFixture azurite)
{
    private static readonly OfficeCalendar s_calendar = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    private static readonly FollowUpSchedule s_schedule = new(s_calendar);

    // Monday 30 November 2026, 10:00 in Stockholm.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    private (FollowUpRepository FollowUps, CaseRepository Cases) NewStores()
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        return (new FollowUpRepository(tables), new CaseRepository(tables, new CaseNumberAllocator(tables)));
    }

    private FollowUpProcessor NewProcessor(ITeamsMessenger messenger)
    {
        var (followUps, incidents) = NewStores();
        return new FollowUpProcessor(followUps, incidents, messenger, new FollowUpCards(TextCatalog.Default, CardLibrary.Default, s_calendar), s_schedule, _time, NullLogger<FollowUpProcessor>.Instance);
    }

    private async Task<FollowUpRecord> ReportHogAsync(string reporter, DateTimeOffset? createdAt = null)
    {
        var (followUps, incidents) = NewStores();
        var organisation = "Kommun " + Guid.NewGuid().ToString("N")[..8];
        var record = await incidents.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, reporter, "Karin Ek", Urgency.Hog,
                new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "weapons", ["reported"] = "yes" }, createdAt ?? _time.GetUtcNow(), "sv"),
            CancellationToken.None);
        var start = s_schedule.Start(record)!;
        Assert.True(await followUps.ScheduleAsync(start, CancellationToken.None));
        Assert.False(await followUps.ScheduleAsync(start, CancellationToken.None));
        return (await followUps.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;
    }

    /// <summary>Other tests' follow-ups share the table and may be due too: delivered, and left out of the counts.</summary>
    private static Mock<ITeamsMessenger> Messenger()
    {
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        return messenger;
    }

    [Fact]
    public async Task ProcessDueAsync_TwoInstancesAtOnce_TheCardIsSentOnce()
    {
        var sends = 0;
        var reporter = "reporter-" + Guid.NewGuid().ToString("N");
        var messenger = Messenger();
        messenger.Setup(m => m.SendToPersonAsync(reporter, It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                Interlocked.Increment(ref sends);
                await Task.Delay(50);
                return new Delivery(DeliveryResult.Delivered);
            });
        var followUp = await ReportHogAsync(reporter);

        // Wednesday 2 December, 08:00: both instances find the card due and race for it.
        _time.SetUtcNow(followUp.NextDueAt!.Value);
        var first = NewProcessor(messenger.Object);
        var second = NewProcessor(messenger.Object);
        for (var i = 0; i < 3; i++)
        {
            await Task.WhenAll(first.ProcessDueAsync(CancellationToken.None), second.ProcessDueAsync(CancellationToken.None));
        }

        Assert.Equal(1, sends);
        messenger.Verify(m => m.SendToPersonAsync(reporter, It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Once);
        var after = (await NewStores().FollowUps.GetAsync(followUp.OrganisationKey, followUp.CaseNumber, CancellationToken.None))!;
        Assert.Equal((1, s_schedule.DueAt(followUp.CaseCreatedAt, 2)), (after.Sent, after.NextDueAt));
    }

    [Fact]
    public async Task ProcessDueAsync_TransientFailure_TriedAgainWhenTheClaimRunsOut()
    {
        var reporter = "reporter-" + Guid.NewGuid().ToString("N");
        var messenger = Messenger();
        messenger.SetupSequence(m => m.SendToPersonAsync(reporter, It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("429"))
            .ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        var followUp = await ReportHogAsync(reporter);
        var processor = NewProcessor(messenger.Object);
        async Task<FollowUpRecord> CurrentAsync() => (await NewStores().FollowUps.GetAsync(followUp.OrganisationKey, followUp.CaseNumber, CancellationToken.None))!;

        _time.SetUtcNow(followUp.NextDueAt!.Value);
        await processor.ProcessDueAsync(CancellationToken.None);
        var claimed = await CurrentAsync();
        Assert.Equal((0, followUp.NextDueAt + FollowUpProcessor.ClaimTimeout), (claimed.Sent, claimed.NextDueAt));

        _time.Advance(FollowUpProcessor.ClaimTimeout - TimeSpan.FromSeconds(1));
        await processor.ProcessDueAsync(CancellationToken.None);
        Assert.Equal(0, (await CurrentAsync()).Sent);
        _time.Advance(TimeSpan.FromSeconds(1));
        await processor.ProcessDueAsync(CancellationToken.None);
        Assert.Equal(1, (await CurrentAsync()).Sent);
        messenger.Verify(m => m.SendToPersonAsync(reporter, It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task EraseReporterAsync_DeletesOnlyThatPersonsFollowUps()
    {
        var erased = "reporter-" + Guid.NewGuid().ToString("N");
        var kept = "reporter-" + Guid.NewGuid().ToString("N");
        var theirs = await ReportHogAsync(erased);
        var answered = theirs with { Answers = [new FollowUpAnswer(1, _time.GetUtcNow(), "worse", "unknown", true, "Grannen såg en bil utanför huset.")] };
        Assert.NotNull(await NewStores().FollowUps.UpdateAsync(answered, CancellationToken.None));
        await ReportHogAsync(erased);
        var other = await ReportHogAsync(kept);

        var stores = NewStores();
        Assert.Equal(2, await stores.FollowUps.EraseReporterAsync(erased, CancellationToken.None));
        Assert.Null(await stores.FollowUps.GetAsync(theirs.OrganisationKey, theirs.CaseNumber, CancellationToken.None));
        Assert.NotNull(await stores.FollowUps.GetAsync(other.OrganisationKey, other.CaseNumber, CancellationToken.None));
        Assert.Equal(0, await stores.FollowUps.EraseReporterAsync(erased, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteCreatedBeforeAsync_DeletesFollowUpsOfOldCasesOnly()
    {
        var old = await ReportHogAsync("reporter-" + Guid.NewGuid().ToString("N"), new DateTimeOffset(2023, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var recent = await ReportHogAsync("reporter-" + Guid.NewGuid().ToString("N"));

        var stores = NewStores();
        Assert.True(await stores.FollowUps.DeleteCreatedBeforeAsync(new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None) >= 1);
        Assert.Null(await stores.FollowUps.GetAsync(old.OrganisationKey, old.CaseNumber, CancellationToken.None));
        Assert.NotNull(await stores.FollowUps.GetAsync(recent.OrganisationKey, recent.CaseNumber, CancellationToken.None));
    }
}
