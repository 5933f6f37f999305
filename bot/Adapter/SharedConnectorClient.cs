using Microsoft.Bot.Connector;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace SupportBot.Bot.Adapter;

/// <summary>A turn's view of a shared connector client: everything passes through, disposing leaves the client open.</summary>
public sealed class SharedConnectorClient(IConnectorClient shared) : IConnectorClient
{
    public IConnectorClient Shared { get; } = shared ?? throw new ArgumentNullException(nameof(shared));

    public Uri BaseUri
    {
        get => Shared.BaseUri;
        set => Shared.BaseUri = value;
    }

    public JsonSerializerSettings SerializationSettings => Shared.SerializationSettings;

    public JsonSerializerSettings DeserializationSettings => Shared.DeserializationSettings;

    public ServiceClientCredentials Credentials => Shared.Credentials;

    public IAttachments Attachments => Shared.Attachments;

    public IConversations Conversations => Shared.Conversations;

    public void Dispose()
    {
        // Shared by later turns: the cache owns it.
    }
}
