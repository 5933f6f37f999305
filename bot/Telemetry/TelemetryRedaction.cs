using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace SupportBot.Bot.Telemetry;

/// <summary>
/// Strips what a span's URL could reveal before any exporter sees it. Table Storage addresses entities by key in the
/// path (<c>/Incidents(PartitionKey='exempelby-kommun',RowKey='…')</c>) and filters in the query, and Bot Connector
/// paths carry conversation ids; so queries go, entity keys go, and only identifier-like segments of a path stay
/// (table names, <c>v3</c>, <c>conversations</c>). Server spans keep their route template instead of the raw path.
/// </summary>
public sealed partial class TelemetryRedaction : BaseProcessor<Activity>
{
    private const string Redacted = "*";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var route = data.GetTagItem("http.route") as string;
        foreach (var key in (string[])["url.full", "http.url"])
        {
            if (data.GetTagItem(key) is string url)
            {
                data.SetTag(key, RedactUrl(url));
            }
        }

        foreach (var key in (string[])["url.path", "http.target"])
        {
            if (data.GetTagItem(key) is string path)
            {
                data.SetTag(key, string.IsNullOrEmpty(route) ? RedactPath(path) : route);
            }
        }

        // Setting a tag to null removes it.
        data.SetTag("url.query", null);

        // Instrumentations put an exception's message in the status description; the status code says enough.
        if (!string.IsNullOrEmpty(data.StatusDescription))
        {
            data.SetStatus(data.Status);
        }
    }

    /// <summary>Scheme, host, port and the identifier-like part of the path; never the query or the fragment.</summary>
    public static string RedactUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Redacted;
        }

        return uri.GetLeftPart(UriPartial.Authority) + RedactPath(uri.AbsolutePath);
    }

    /// <summary>"/v3/conversations/a:1x/activities/17" → "/v3/conversations/*/activities/*"; "/Incidents(PartitionKey='…')" → "/Incidents".</summary>
    public static string RedactPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('?', '#')[0].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var open = segment.IndexOf('(', StringComparison.Ordinal);
            if (open >= 0)
            {
                segment = segment[..open];
            }

            segments[i] = segment.Length == 0 || Identifier().IsMatch(segment) ? segment : Redacted;
        }

        return string.Join('/', segments);
    }

    /// <summary>Letter-led, short, letters and digits only: what code names (tables, API words), not what people type.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
