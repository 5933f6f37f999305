namespace SupportBot.Bot.Options;

/// <summary>Teams details for proactive messages and the outbox that sends them.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The Bot Connector service URL used to create a 1:1 chat with someone the bot has no reference for.</summary>
    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/emea/";

    /// <summary>
    /// The Bot Connector hosts whose service URLs the bot accepts and replies to ("*." for any subdomain), https only.
    /// Loopback is accepted in Development alone (the Agents Playground).
    /// </summary>
    public List<string> AllowedServiceHosts { get; set; } = [];

    /// <summary>How often the outbox sender looks for notifications to deliver.</summary>
    public int OutboxPollSeconds { get; set; } = 2;

    /// <summary>Attempts per notification before it counts as failed (and the fallback starts).</summary>
    public int OutboxMaxAttempts { get; set; } = 6;
}
