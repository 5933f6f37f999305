using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Telemetry;

/// <summary>
/// The bot's own metrics (Meter "SupportBot"). Every tag value comes from a closed set (activity types, urgency
/// codes, outcomes, status classes) so that no name, text or id can ever reach a metric.
/// </summary>
public sealed class SupportBotMetrics
{
    public const string MeterName = "SupportBot";

    private static readonly HashSet<string> s_activityTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate, ActivityTypes.Invoke,
        ActivityTypes.MessageReaction, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.Typing,
        ActivityTypes.Event, ActivityTypes.EndOfConversation, ActivityTypes.ContactRelationUpdate, ActivityTypes.DeleteUserData,
    };

    private readonly Counter<long> _turns;
    private readonly Counter<long> _triagesStarted;
    private readonly Counter<long> _triagesCompleted;
    private readonly Counter<long> _escalations;
    private readonly Histogram<double> _deliveryDuration;
    private readonly Counter<long> _deliveryFailures;
    private readonly Counter<long> _tenantRefusals;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _actionsRefused;

    public SupportBotMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _turns = meter.CreateCounter<long>("supportbot.turns", "{turn}", "Turns handled, by activity type.");
        _triagesStarted = meter.CreateCounter<long>("supportbot.triages.started", "{triage}", "Triages started (a restart counts again).");
        _triagesCompleted = meter.CreateCounter<long>("supportbot.triages.completed", "{triage}", "Triages completed and saved as cases, by urgency.");
        _escalations = meter.CreateCounter<long>("supportbot.escalations", "{escalation}", "Cases escalated to SKL's advisers, by urgency.");
        _deliveryDuration = meter.CreateHistogram<double>("supportbot.notification.duration", "ms", "How long Teams took to accept a proactive notification, by operation and outcome.");
        _tenantRefusals = meter.CreateCounter<long>("supportbot.tenants.refused", "{activity}", "Activities from tenants that have not joined, refused before anything was stored.");
        _rateLimited = meter.CreateCounter<long>("supportbot.ratelimit.refused", "{turn}", "Turns not processed because the person was over a rate limit, by limit.");
        _actionsRefused = meter.CreateCounter<long>("supportbot.actions.refused", "{action}", "Card actions refused (not an adviser, forged, stale, not theirs), by reason.");
        _deliveryFailures = meter.CreateCounter<long>("supportbot.notification.failures", "{failure}", "Proactive notifications not delivered, by operation and reason (retried when transient).");
    }

    public void TurnStarted(string? activityType) =>
        _turns.Add(1, new KeyValuePair<string, object?>("activity.type", ActivityTypeTag(activityType)));

    public void TriageStarted() => _triagesStarted.Add(1);

    public void TenantRefused() => _tenantRefusals.Add(1);

    public void TriageCompleted(Urgency urgency) =>
        _triagesCompleted.Add(1, new KeyValuePair<string, object?>("urgency", urgency.Code()));

    public void Escalated(Urgency urgency) =>
        _escalations.Add(1, new KeyValuePair<string, object?>("urgency", urgency.Code()));

    /// <summary>A turn refused by a rate limit; <paramref name="limit"/> is a limit's name (anything else reads "other").</summary>
    public void RateLimited(string limit) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", ClosedTag(limit)));

    /// <summary>A refused card action: counted here rather than each written to the audit once a person is over the limit.</summary>
    public void ActionRefused(string reason) =>
        _actionsRefused.Add(1, new KeyValuePair<string, object?>("reason", ClosedTag(reason)));

    /// <summary>A code word (letters only, short) passes; anything that could be a value reads "other".</summary>
    internal static string ClosedTag(string? value) =>
        value is { Length: > 0 and <= 32 } && value.All(char.IsAsciiLetter) ? value : "other";

    /// <summary>One send or update: its duration, and a failure when it was not delivered.</summary>
    public void NotificationAttempted(NotificationOperation operation, TimeSpan elapsed, string? failureReason)
    {
        var op = operation == NotificationOperation.Send ? "send" : "update";
        var tags = new TagList
        {
            { "operation", op },
            { "outcome", failureReason is null ? "delivered" : "failed" },
        };
        _deliveryDuration.Record(elapsed.TotalMilliseconds, tags);
        if (failureReason is not null)
        {
            _deliveryFailures.Add(1, new KeyValuePair<string, object?>("operation", op), new KeyValuePair<string, object?>("reason", failureReason));
        }
    }

    /// <summary>The activity type when it is one Bot Framework defines, else "other" (the type is sent by the client).</summary>
    internal static string ActivityTypeTag(string? activityType) =>
        activityType is not null && s_activityTypes.TryGetValue(activityType, out var known) ? known : "other";

    /// <summary>Why a delivery failed, as a status class: 429, 4xx, 5xx, network, timeout, storage, unreachable or other.</summary>
    internal static string FailureReason(Exception exception) => exception switch
    {
        ErrorResponseException { Response.StatusCode: var code } => StatusClass(code),
        Azure.RequestFailedException => "storage",
        HttpRequestException { StatusCode: { } code } => StatusClass(code),
        HttpRequestException => "network",
        TaskCanceledException or TimeoutException => "timeout",
        _ => "other",
    };

    internal static string StatusClass(HttpStatusCode? code) => (int?)code switch
    {
        429 => "429",
        >= 500 and < 600 => "5xx",
        >= 400 and < 500 => "4xx",
        _ => "other",
    };
}

public enum NotificationOperation
{
    Send,
    Update,
}

/// <summary>Reasons that are not exceptions.</summary>
public static class NotificationFailures
{
    /// <summary>Not installed, blocked, unknown conversation: Teams will not deliver it, retrying does not help.</summary>
    public const string Unreachable = "unreachable";
}
