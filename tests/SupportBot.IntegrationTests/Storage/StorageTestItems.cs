using Microsoft.Bot.Builder;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>A plain object: no ETag, so the SDK's rule is last writer wins.</summary>
public sealed class PocoItem
{
    public string? Id { get; set; }

    public int Count { get; set; }

    public string? Text { get; set; }
}

/// <summary>A store item: its ETag makes writes conditional.</summary>
public sealed class PocoStoreItem : IStoreItem
{
    public string? Id { get; set; }

    public int Count { get; set; }

    public string? ETag { get; set; }
}

/// <summary>Conversation state for the multi-turn tests.</summary>
public sealed class TurnCounter
{
    public int Turns { get; set; }
}
