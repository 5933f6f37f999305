using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>Records the HTTP requests a Table client sends (each retry counts) as "METHOD /path".</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    private readonly List<string> _requests = [];

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
