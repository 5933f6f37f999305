using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SupportBot.Bot.Telemetry;

namespace SupportBot.Tests.Telemetry;

/// <summary>What a span's URL may keep: scheme, host, port and identifier-like path segments; never keys, ids or queries.</summary>
public sealed class TelemetryRedactionTests
{
    [Theory]
    [InlineData("https://acct.table.core.windows.net/Incidents(PartitionKey='exempelby-kommun',RowKey='HH-2026-0042')", "https://acct.table.core.windows.net/Incidents")]
    [InlineData("https://acct.table.core.windows.net/Incidents()?$filter=PartitionKey%20eq%20'exempelby-kommun'", "https://acct.table.core.windows.net/Incidents")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/BotState(PartitionKey='a%3A1',RowKey='x')", "http://127.0.0.1:10002/devstoreaccount1/BotState")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/$batch", "http://127.0.0.1:10002/devstoreaccount1/*")]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/a:1xYz-Greta/activities/1700000000000", "https://smba.trafficmanager.net/emea/v3/conversations/*/activities/*")]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/19:abc@thread.v2/activities", "https://smba.trafficmanager.net/emea/v3/conversations/*/activities")]
    [InlineData("https://login.microsoftonline.com/tenant/oauth2/v2.0/token?client_id=x", "https://login.microsoftonline.com/tenant/oauth2/*/token")]
    [InlineData("https://example.org/users/greta.berg%40skl.se#top", "https://example.org/users/*")]
    [InlineData("not a url", "*")]
    public void RedactUrl_Url_KeepsOnlyWhatCodeNames(string url, string expected)
    {
        Assert.Equal(expected, TelemetryRedaction.RedactUrl(url));
    }

    [Theory]
    [InlineData("/api/messages", "/api/messages", "/api/messages")]
    [InlineData("/api/messages", null, "/api/messages")]
    [InlineData("/search/Karin Ek", null, "/search/*")]
    [InlineData("/users/123", "/users/{id}", "/users/{id}")]
    public void OnEnd_ServerSpan_KeepsRouteOrRedactedPathAndDropsQuery(string path, string? route, string expected)
    {
        using var activity = new Activity("test");
        activity.SetTag("url.path", path);
        activity.SetTag("url.query", "?email=greta.berg@skl.se");
        activity.SetTag("http.route", route);

        new TelemetryRedaction().OnEnd(activity);

        Assert.Equal(expected, activity.GetTagItem("url.path"));
        Assert.Null(activity.GetTagItem("url.query"));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("InstrumentationKey=a;IngestionEndpoint=https://x/", null, "InstrumentationKey=a;IngestionEndpoint=https://x/")]
    [InlineData(null, "InstrumentationKey=b", "InstrumentationKey=b")]
    [InlineData("InstrumentationKey=a", "InstrumentationKey=b", "InstrumentationKey=a")]
    [InlineData("  ", "InstrumentationKey=b", "InstrumentationKey=b")]
    [InlineData("", "", null)]
    public void AzureMonitorConnectionString_Configuration_EnvironmentVariableFirstElseSectionElseNone(string? environment, string? section, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = environment,
            ["ApplicationInsights:ConnectionString"] = section,
        }).Build();

        Assert.Equal(expected, TelemetryServiceCollectionExtensions.AzureMonitorConnectionString(configuration));
    }
}
