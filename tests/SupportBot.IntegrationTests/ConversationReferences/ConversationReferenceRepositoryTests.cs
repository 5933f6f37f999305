using Microsoft.Bot.Schema;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.ConversationReferences;

namespace SupportBot.IntegrationTests.ConversationReferences;

[Collection(HostingOnAzurite.Name)]
public sealed class ConversationReferenceRepositoryTests(AzuriteFixture azurite)
{
    private ConversationReferenceRepository NewRepository() =>
        new(TableClients.FromConnectionString(azurite.ConnectionString), TimeProvider.System);

    [Fact]
    public async Task SaveAsync_ThenFindFromANewInstance_ReturnsTheSameReference()
    {
        var person = Guid.NewGuid().ToString();
        var reference = new ConversationReference
        {
            ServiceUrl = "http://localhost:56150/_connector",
            ChannelId = "msteams",
            Conversation = new ConversationAccount(id: "a:" + Guid.NewGuid().ToString("N"), conversationType: "personal", tenantId: "tenant-1"),
            User = new ChannelAccount("29:user", "Jonas Lind", aadObjectId: person),
            Bot = new ChannelAccount("28:bot", "SupportBot"),
        };

        await NewRepository().SaveAsync(person, reference, CancellationToken.None);
        var found = await NewRepository().FindAsync(person, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(reference.Conversation.Id, found.Conversation.Id);
        Assert.Equal(reference.ServiceUrl, found.ServiceUrl);
        Assert.Equal("tenant-1", found.Conversation.TenantId);
    }

    [Fact]
    public async Task FindAsync_UnknownPerson_ReturnsNull() =>
        Assert.Null(await NewRepository().FindAsync("nobody-" + Guid.NewGuid(), CancellationToken.None));
}
