namespace SupportBot.Bot.Authentication;

/// <summary>
/// The tenant of the conversation the bot is talking in right now (an incoming turn, or a proactive send), for the
/// credentials factory: a token for a conversation is requested for that conversation's tenant.
/// </summary>
public static class ConversationTenant
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    /// <summary>Sets <see cref="Current"/> for the scope; the previous value comes back on Dispose.</summary>
    public static IDisposable Use(string? tenantId)
    {
        var previous = s_current.Value;
        s_current.Value = string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
