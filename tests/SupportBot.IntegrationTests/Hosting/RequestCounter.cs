using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>Records the HTTP requests a Table client sends (each retry counts) as "METHOD /path".</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    private readonly List<string> _requests = [];

    /// <summary>
    /// Tables the host's background services read on the same client while a test's turns run (the outbox and deadline
    /// senders poll Escalations, the follow-up sender FollowUps, the start-up digest Subscriptions): not a turn's cost.
    /// </summary>
    private static readonly string[] s_backgroundTables = ["/Escalations", "/FollowUps", "/Subscriptions"];

    public static bool IsBackground(string request) =>
        s_backgroundTables.Any(table => request.Contains(table, StringComparison.Ordinal));

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Reset()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        lock (_requests)
        {
            _requests.Add(message.Request.Method + " " + message.Request.Uri.Path);
        }
    }
}
