using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportBot.Bot.Privacy;

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

    /// <summary>
    /// Leaves out the retention service, whose first run at start sweeps every table (creating the missing ones) on the
    /// same client while the measured turns run: its cost is not a turn's. Its own tests run it directly.
    /// </summary>
    public static IServiceCollection WithoutStartUpSweep(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var sweep in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RetentionService)).ToList())
        {
            services.Remove(sweep);
        }

        return services;
    }

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
