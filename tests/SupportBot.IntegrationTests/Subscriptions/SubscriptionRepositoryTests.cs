using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Content;
using SupportBot.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.Subscriptions;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Subscriptions;

/// <summary>Subscriptions and digest claims in Table Storage (Azurite): insert-if-absent, ETags, erasure, retention, and two bot instances.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class SubscriptionRepositoryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly ContentVersions Seen = new([Item("a", 1), Item("b", 1)]);

    private static readonly ContentVersions Changed = new([Item("a", 1), Item("b", 2)]);

    private SubscriptionRepository NewRepository() => new(TableClients.FromConnectionString(azurite.ConnectionString));

    private static Subscription Subscriber(string tenant, string person) =>
        new(tenant, person, "sv", Now, Seen.Items.ToDictionary(i => i.Key, i => i.Version), Seen.VersionHash);

    [Fact]
    public async Task SubscribeAsync_Twice_StoresOneAndCountsItInItsTenantOnly()
    {
        var (tenant, other, person) = (NewId(), NewId(), NewId());

        Assert.Equal(SubscribeOutcome.Added, await NewRepository().SubscribeAsync(Subscriber(tenant, person), CancellationToken.None));
        Assert.Equal(SubscribeOutcome.AlreadySubscribed, await NewRepository().SubscribeAsync(Subscriber(tenant, person), CancellationToken.None));
        await NewRepository().SubscribeAsync(Subscriber(other, person), CancellationToken.None);

        Assert.Equal(1, await NewRepository().CountAsync(tenant, CancellationToken.None));
        var read = (await NewRepository().ListAllAsync(CancellationToken.None)).Single(s => s.TenantId == tenant);
        Assert.Equal((person, "sv", Seen.VersionHash, 2), (read.PersonId, read.Language, read.SeenHash, read.SeenVersions.Count));
        Assert.True(await NewRepository().UnsubscribeAsync(tenant, person, CancellationToken.None));
        Assert.False(await NewRepository().UnsubscribeAsync(tenant, person, CancellationToken.None));
        Assert.Equal(0, await NewRepository().CountAsync(tenant, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDigestAsync_ManyAtOnce_ExactlyOneWins()
    {
        var (tenant, person) = (NewId(), NewId());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => NewRepository().ClaimDigestAsync(tenant, person, Changed.VersionHash, Now, CancellationToken.None)));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task MarkSeenAsync_WithAStaleETag_ChangesNothing()
    {
        var (tenant, person) = (NewId(), NewId());
        await NewRepository().SubscribeAsync(Subscriber(tenant, person), CancellationToken.None);
        var read = (await NewRepository().ListAllAsync(CancellationToken.None)).Single(s => s.TenantId == tenant);
        var versions = Changed.Items.ToDictionary(i => i.Key, i => i.Version);

        Assert.True(await NewRepository().MarkSeenAsync(read, versions, Changed.VersionHash, CancellationToken.None));
        Assert.False(await NewRepository().MarkSeenAsync(read, Seen.Items.ToDictionary(i => i.Key, i => i.Version), Seen.VersionHash, CancellationToken.None));

        Assert.Equal(Changed.VersionHash, (await NewRepository().ListAllAsync(CancellationToken.None)).Single(s => s.TenantId == tenant).SeenHash);
    }

    [Fact]
    public async Task EraseAsync_DeletesThePersonsSubscriptionsAndClaimsInEveryTenantAndNoOneElses()
    {
        var (tenant, other, person, neighbour) = (NewId(), NewId(), NewId(), NewId());
        var repository = NewRepository();
        await repository.SubscribeAsync(Subscriber(tenant, person), CancellationToken.None);
        await repository.SubscribeAsync(Subscriber(other, person), CancellationToken.None);
        await repository.ClaimDigestAsync(tenant, person, Changed.VersionHash, Now, CancellationToken.None);
        await repository.SubscribeAsync(Subscriber(tenant, neighbour), CancellationToken.None);

        Assert.Equal(3, await repository.EraseAsync(person, CancellationToken.None));

        Assert.Equal(1, await repository.CountAsync(tenant, CancellationToken.None));
        Assert.Equal(0, await repository.CountAsync(other, CancellationToken.None));
        Assert.True(await repository.ClaimDigestAsync(tenant, person, Changed.VersionHash, Now, CancellationToken.None));
    }

    [Fact]
    public async Task PersonalDataEraser_DeletesSubscriptions()
    {
        var (tenant, person) = (NewId(), NewId());
        await NewRepository().SubscribeAsync(Subscriber(tenant, person), CancellationToken.None);
        var eraser = new SupportBot.Bot.Privacy.PersonalDataEraser(SupportBot.Storage.StorageServiceCollectionExtensions.PersonalDataTables(TableClients.FromConnectionString(azurite.ConnectionString)), TestPseudonyms.Instance, NullLogger<SupportBot.Bot.Privacy.PersonalDataEraser>.Instance);

        await eraser.EraseAsync([person], CancellationToken.None);

        Assert.Equal(0, await NewRepository().CountAsync(tenant, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpiredAsync_RemovesTenantsThatLeftAndOldClaimsOnly()
    {
        var (kept, left, person) = (NewId(), NewId(), NewId());
        var repository = NewRepository();
        await repository.SubscribeAsync(Subscriber(kept, person), CancellationToken.None);
        await repository.SubscribeAsync(Subscriber(left, person), CancellationToken.None);
        await repository.ClaimDigestAsync(kept, person, "old", Now.AddDays(-400), CancellationToken.None);
        await repository.ClaimDigestAsync(kept, person, "new", Now, CancellationToken.None);

        await repository.DeleteExpiredAsync(Now.AddDays(-365), t => t != left, CancellationToken.None);

        Assert.Equal(1, await repository.CountAsync(kept, CancellationToken.None));
        Assert.Equal(0, await repository.CountAsync(left, CancellationToken.None));
        Assert.True(await repository.ClaimDigestAsync(kept, person, "old", Now, CancellationToken.None));
        Assert.False(await repository.ClaimDigestAsync(kept, person, "new", Now, CancellationToken.None));
    }

    /// <summary>Done-when: two bot instances on the same storage, started together with changed content, send one digest.</summary>
    [Fact]
    public async Task TwoInstancesAnnouncingAtOnce_SendOneDigestPerSubscriber_AndARestartSendsNone()
    {
        var tenant = NewId();
        var people = Enumerable.Range(0, 5).Select(_ => NewId()).ToList();
        foreach (var person in people)
        {
            await NewRepository().SubscribeAsync(Subscriber(tenant, person), CancellationToken.None);
        }

        var messenger = new RecordingMessenger();
        var directory = new TenantDirectory(OrganisationDirectory.Load(), [new KeyValuePair<string, IReadOnlyList<string>>(tenant, ["0380"])], []);

        var runs = await Task.WhenAll(Announcer(directory, messenger).AnnounceAsync(CancellationToken.None), Announcer(directory, messenger).AnnounceAsync(CancellationToken.None));
        var restart = await Announcer(directory, messenger).AnnounceAsync(CancellationToken.None);

        Assert.Equal(people.Order(), messenger.Sent.Order());
        Assert.Equal(people.Count, runs.Sum(r => r.Sent));
        Assert.Equal(0, restart.Sent + restart.AlreadyClaimed);
        Assert.All((await NewRepository().ListAllAsync(CancellationToken.None)).Where(s => s.TenantId == tenant), s => Assert.Equal(Changed.VersionHash, s.SeenHash));
    }

    private DigestAnnouncer Announcer(TenantDirectory directory, ITeamsMessenger messenger) => new(
        NewRepository(),
        Changed,
        directory,
        new SubscriptionCards(TextCatalog.Default, CardLibrary.Default, ChecklistContent.Default),
        messenger,
        Microsoft.Extensions.Options.Options.Create(new ContentOptions { DigestsPerSecond = 7 }),
        TimeProvider.System,
        NullLogger<DigestAnnouncer>.Instance);

    private static string NewId() => "it-" + Guid.NewGuid().ToString("N");

    private static VersionedItem Item(string id, int version) =>
        new(id, ContentKind.ChecklistItem, version, new DateOnly(2026, 11, 28), null, new LocalizedText { Sv = id, En = id }, "evidence", null);

    /// <summary>Records who a digest went to (the Teams side is the end-to-end test's).</summary>
    private sealed class RecordingMessenger : ITeamsMessenger
    {
        private readonly ConcurrentQueue<string> _sent = new();

        public IReadOnlyList<string> Sent => [.. _sent];

        public Task<Delivery> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
        {
            _sent.Enqueue(personId);
            return Task.FromResult(new Delivery(DeliveryResult.Delivered));
        }

        public Task<DeliveryResult> UpdateAsync(ConversationReference conversation, string activityId, IMessageActivity message, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
