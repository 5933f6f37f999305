using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace SupportBot.Bot.Telemetry;

/// <summary>"Telemetry": the key that turns ids into pseudonyms in exported telemetry.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Base64, at least 32 bytes (a Key Vault reference in Azure). Empty: a random key for this process's lifetime, so
    /// the same id still reads the same within one run but cannot be linked across runs (development, tests).
    /// </summary>
    public string HmacKey { get; set; } = string.Empty;
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.HmacKey))
        {
            return ValidateOptionsResult.Success;
        }

        var bytes = new byte[options.HmacKey.Length];
        return Convert.TryFromBase64String(options.HmacKey, bytes, out var length) && length >= 32
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Telemetry:HmacKey must be base64 of at least 32 bytes (or empty for a per-process key).");
    }
}

/// <summary>HMAC-SHA256 pseudonyms for ids in telemetry: the same id reads the same, and nobody without the key can tell whose it is.</summary>
public sealed class TelemetryPseudonyms(IOptions<TelemetryOptions> options)
{
    private readonly byte[] _key = string.IsNullOrEmpty(options.Value.HmacKey)
        ? RandomNumberGenerator.GetBytes(32)
        : Convert.FromBase64String(options.Value.HmacKey);

    public string Of(string? id) =>
        string.IsNullOrEmpty(id) ? string.Empty : "h:" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id)))[..20];
}

/// <summary>
/// Runs on every log record before any exporter: an exception becomes its type names and stack frames (the message can
/// quote values: a name, a table key, a URL); ids that could link a person (conversation, case, user, activity) become
/// HMAC pseudonyms; the activity type, which the sender chooses, is clamped to the types Bot Framework defines.
/// </summary>
public sealed class LogScrubbing(TelemetryPseudonyms pseudonyms) : BaseProcessor<LogRecord>
{
    private static readonly HashSet<string> s_idAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConversationId", "CaseNumber", "UserId", "ActivityId", "AadObjectId", "ReporterId", "PersonId", "ServiceUrl",
    };

    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Exception is { } exception and not ScrubbedException)
        {
            data.Exception = ScrubbedException.From(exception);
        }

        if (data.Attributes is { } attributes && attributes.Any(a => s_idAttributes.Contains(a.Key) || a.Key == "ActivityType"))
        {
            data.Attributes = attributes.Select(a => new KeyValuePair<string, object?>(a.Key, Scrub(a.Key, a.Value))).ToList();
        }
    }

    private object? Scrub(string key, object? value) =>
        key == "ActivityType" ? SupportBotMetrics.ActivityTypeTag(value as string)
        : s_idAttributes.Contains(key) ? pseudonyms.Of(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))
        : value;
}

/// <summary>An exception as telemetry may see it: the original types (outermost first) and their stack frames, no messages.</summary>
#pragma warning disable CA1032 // Made only by From; the standard constructors would allow a message back in.
public sealed class ScrubbedException : Exception
#pragma warning restore CA1032
{
    private readonly string _stack;

    private ScrubbedException(string types, string stack)
        : base(types)
    {
        _stack = stack;
    }

    public override string? StackTrace => _stack;

    public static ScrubbedException From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var types = new List<string>();
        var stack = new StringBuilder();
        for (Exception? e = exception; e is not null && types.Count < 8; e = e.InnerException)
        {
            var type = e.GetType().FullName ?? e.GetType().Name;
            types.Add(type);
            if (types.Count > 1)
            {
                stack.Append("--- inner ").Append(type).AppendLine(" ---");
            }

            stack.AppendLine(e.StackTrace);
        }

        return new ScrubbedException(string.Join(" <- ", types), stack.ToString().TrimEnd());
    }

    public override string ToString() => Message + Environment.NewLine + _stack;
}
