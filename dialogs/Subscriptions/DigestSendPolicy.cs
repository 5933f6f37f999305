using System.Net;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Dialogs.Subscriptions;

/// <summary>
/// Pacing and retries for proactive digests: at least <c>1 / DigestsPerSecond</c> between sends, and a send that Teams
/// throttles (429) or that fails transiently (412, 502, 503, 504, network) is tried again after an exponential backoff
/// with jitter, or after Retry-After when Teams names it (platform-facts.md, "Rate limits").
/// </summary>
public sealed class DigestSendPolicy
{
    public const int MaxAttempts = 5;

    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromSeconds(1);

    private readonly ITeamsMessenger _messenger;
    private readonly TimeSpan _interval;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _jitter;
    private bool _sentBefore;

    /// <param name="delay">How to wait (the clock in production; a recorder in tests).</param>
    /// <param name="jitter">A number in [0, 1) that spreads retries.</param>
    public DigestSendPolicy(ITeamsMessenger messenger, int perSecond, Func<TimeSpan, CancellationToken, Task> delay, Func<double> jitter)
    {
        ArgumentNullException.ThrowIfNull(messenger);
        ArgumentNullException.ThrowIfNull(delay);
        ArgumentNullException.ThrowIfNull(jitter);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _messenger = messenger;
        _interval = TimeSpan.FromSeconds(1.0 / perSecond);
        _delay = delay;
        _jitter = jitter;
    }

    /// <summary>Sends one message, paced after the previous one; throws the last transient failure when every attempt failed.</summary>
    public async Task<DeliveryResult> SendAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_sentBefore)
            {
                await _delay(_interval, cancellationToken).ConfigureAwait(false);
            }

            _sentBefore = true;
            try
            {
                return (await _messenger.SendToPersonAsync(personId, message, cancellationToken).ConfigureAwait(false)).Result;
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken) && attempt < MaxAttempts)
            {
                await _delay(Backoff(ex, attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Retry-After when Teams sends it, else 1 s, 2 s, 4 s … plus up to half of that again as jitter.</summary>
    internal TimeSpan Backoff(Exception failure, int attempt)
    {
        if (failure is ErrorResponseException { Response: { } response }
            && response.Headers?.TryGetValue("Retry-After", out var values) == true
            && int.TryParse(values?.FirstOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and <= 120)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var backoff = s_firstBackoff * Math.Pow(2, attempt - 1);
        return backoff + (backoff * (_jitter() / 2));
    }

    internal static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        ErrorResponseException { Response: { } r } => r.StatusCode is (HttpStatusCode)429 or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError,
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
