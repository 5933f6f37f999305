namespace SupportBot.Bot.Authentication;

/// <summary>
/// The Microsoft 365 tenant of the conversation being served, for the current async flow. The bot serves many
/// organisations, each its own tenant: a token for a conversation must come from that conversation's tenant, and the
/// SDK's credentials factory has no parameter for it, so the tenant travels beside the call (see
/// <see cref="TenantCredentialsFactory"/>).
/// </summary>
public static class ConversationTenant
{
    private static readonly AsyncLocal<string?> s_current = new();

    /// <summary>The tenant set by the innermost <see cref="Use"/> scope of this async flow; null outside any scope.</summary>
    public static string? Current => s_current.Value;

    /// <summary>
    /// Sets <see cref="Current"/> until the returned scope is disposed, which restores the previous value. A blank
    /// tenant id sets null (the configured tenant applies). Call it synchronously (not inside an async helper that
    /// returns before the work), so the value flows into the work it wraps.
    /// </summary>
    public static IDisposable Use(string? tenantId)
    {
        var previous = s_current.Value;
        s_current.Value = string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            s_current.Value = previous;
        }
    }
}
