using System.Net;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Endpoints;

/// <summary>
/// Which Bot Connector service URLs the bot talks to: the bot POSTs its replies to the <c>serviceUrl</c> an activity
/// names, so an activity naming any other host is refused before it is processed. Hosts come from
/// <c>Teams:AllowedServiceHosts</c> ("*.botframework.com" matches any subdomain), always over https; loopback (the
/// Agents Playground) only in Development.
/// </summary>
public sealed class ServiceUrlPolicy(IOptions<TeamsOptions> teams, IHostEnvironment environment)
{
    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        if (IsLoopback(uri))
        {
            return environment.IsDevelopment() && uri.Scheme is "http" or "https";
        }

        return uri.Scheme == Uri.UriSchemeHttps && teams.Value.AllowedServiceHosts.Any(pattern => Matches(uri.IdnHost, pattern));
    }

    internal static bool Matches(string host, string pattern)
    {
        pattern = pattern.Trim();
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[1..];
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
