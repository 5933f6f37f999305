using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Checklists;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.ChecklistProgress;
using SupportBot.Storage.ShareTargets;

namespace SupportBot.IntegrationTests.Checklists;

/// <summary>Checklist progress and share targets in Table Storage (Azurite): round trips, ETags, one person's rows apart from another's.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class ChecklistProgressRepositoryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private TableServiceClient Tables() => TableClients.FromConnectionString(azurite.ConnectionString);

    private ChecklistProgressRepository NewRepository() => new(Tables());

    private static string NewPerson() => Guid.NewGuid().ToString();

    [Fact]
    public async Task SaveAsync_ThenReadFromANewInstance_ReturnsTheTicksInOrderWithAnETag()
    {
        var person = NewPerson();
        Assert.True(await NewRepository().SaveAsync(new ChecklistProgress(person, "public-meetings", ["pm-venue", "pm-guards"], Now), CancellationToken.None));

        var read = await NewRepository().GetAsync(person, "public-meetings", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(["pm-venue", "pm-guards"], read.Ticked);
        Assert.Equal(Now, read.UpdatedAt);
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }

    [Fact]
    public async Task GetAsync_NothingSaved_ReturnsNull() =>
        Assert.Null(await NewRepository().GetAsync(NewPerson(), "evidence", CancellationToken.None));

    [Fact]
    public async Task SaveAsync_WithTheReadsETag_ReplacesAndChangesTheETag()
    {
        var person = NewPerson();
        var repository = NewRepository();
        await repository.SaveAsync(new ChecklistProgress(person, "evidence", ["ev-log"], Now), CancellationToken.None);
        var read = (await repository.GetAsync(person, "evidence", CancellationToken.None))!;

        Assert.True(await repository.SaveAsync(read with { Ticked = [] }, CancellationToken.None));

        var after = (await repository.GetAsync(person, "evidence", CancellationToken.None))!;
        Assert.Empty(after.Ticked);
        Assert.NotEqual(read.ETag, after.ETag);
    }

    [Fact]
    public async Task SaveAsync_StaleETag_IsRefusedAndStoresNothing()
    {
        var person = NewPerson();
        var repository = NewRepository();
        await repository.SaveAsync(new ChecklistProgress(person, "evidence", ["ev-log"], Now), CancellationToken.None);
        var first = (await repository.GetAsync(person, "evidence", CancellationToken.None))!;
        var second = (await NewRepository().GetAsync(person, "evidence", CancellationToken.None))!;
        Assert.True(await repository.SaveAsync(first with { Ticked = ["ev-log", "ev-letters"] }, CancellationToken.None));

        var stale = await NewRepository().SaveAsync(second with { Ticked = [] }, CancellationToken.None);

        Assert.False(stale);
        Assert.Equal(["ev-log", "ev-letters"], (await repository.GetAsync(person, "evidence", CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task SaveAsync_NoETagButAlreadySaved_IsRefused()
    {
        // Two windows that both read "nothing saved yet": the second insert loses instead of overwriting.
        var person = NewPerson();
        Assert.True(await NewRepository().SaveAsync(new ChecklistProgress(person, "media", ["media-communications"], Now), CancellationToken.None));

        Assert.False(await NewRepository().SaveAsync(new ChecklistProgress(person, "media", [], Now), CancellationToken.None));
        Assert.Equal(["media-communications"], (await NewRepository().GetAsync(person, "media", CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task SavesAtOnce_FromOneRead_ExactlyOneWins()
    {
        var person = NewPerson();
        await NewRepository().SaveAsync(new ChecklistProgress(person, "support", [], Now), CancellationToken.None);
        var read = (await NewRepository().GetAsync(person, "support", CancellationToken.None))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            NewRepository().SaveAsync(read with { Ticked = [$"sup-{i}"] }, CancellationToken.None)));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task ListAsync_TwoPeople_EachSeesOnlyTheirOwn()
    {
        var maria = NewPerson();
        var karin = NewPerson();
        var repository = NewRepository();
        await repository.SaveAsync(new ChecklistProgress(maria, "public-meetings", ["pm-venue"], Now), CancellationToken.None);
        await repository.SaveAsync(new ChecklistProgress(maria, "evidence", ["ev-log"], Now), CancellationToken.None);
        await repository.SaveAsync(new ChecklistProgress(karin, "public-meetings", ["pm-guards", "pm-inform"], Now), CancellationToken.None);

        var marias = await repository.ListAsync(maria, CancellationToken.None);
        var karins = await repository.ListAsync(karin, CancellationToken.None);

        Assert.Equal(["evidence", "public-meetings"], marias.Select(p => p.ChecklistId).Order());
        Assert.Equal(["pm-venue"], marias.Single(p => p.ChecklistId == "public-meetings").Ticked);
        Assert.Equal(["pm-guards", "pm-inform"], Assert.Single(karins).Ticked);
        Assert.Null(await repository.GetAsync(karin, "evidence", CancellationToken.None));
    }

    [Fact]
    public async Task Rows_KeepNoPersonIdInTheirKeys()
    {
        var person = "29:e2e-manager-" + Guid.NewGuid().ToString("N");
        await NewRepository().SaveAsync(new ChecklistProgress(person, "home", ["home-alert"], Now), CancellationToken.None);

        var table = Tables().GetTableClient(StoredTables.ChecklistProgress);
        var row = Assert.Single(table.Query<TableEntity>(e => e.PartitionKey == ChecklistProgressRepository.PersonKey(person)));
        Assert.DoesNotContain(person, row.PartitionKey + row.RowKey + row.GetString("Ticked"), StringComparison.Ordinal);
        Assert.Equal(64, row.PartitionKey.Length);
    }

    [Fact]
    public async Task ShareTargets_SaveTwiceAndList_KeepsTheNewestPerChatAndPerPerson()
    {
        var repository = new ShareTargetRepository(Tables());
        var maria = NewPerson();
        var key = ShareTarget.KeyFor("19:group@thread.v2");
        var reference = new ConversationReference
        {
            ServiceUrl = "http://localhost:56150/_connector",
            ChannelId = "msteams",
            Conversation = new ConversationAccount(isGroup: true, id: "19:group@thread.v2", conversationType: "groupChat", tenantId: "tenant-1"),
            Bot = new ChannelAccount("28:bot", "SupportBot"),
        };
        await repository.SaveAsync(maria, new ShareTarget(key, ShareTarget.GroupChat, "Gamla namnet", reference, Now), CancellationToken.None);
        await repository.SaveAsync(maria, new ShareTarget(key, ShareTarget.GroupChat, "Säkerhetsgruppen", reference, Now.AddDays(8)), CancellationToken.None);

        var targets = await new ShareTargetRepository(Tables()).ListAsync(maria, CancellationToken.None);

        var target = Assert.Single(targets);
        Assert.Equal("Säkerhetsgruppen", target.Name);
        Assert.Equal("19:group@thread.v2", target.Conversation.Conversation.Id);
        Assert.Equal("http://localhost:56150/_connector", target.Conversation.ServiceUrl);
        Assert.Empty(await repository.ListAsync(NewPerson(), CancellationToken.None));
    }
}
