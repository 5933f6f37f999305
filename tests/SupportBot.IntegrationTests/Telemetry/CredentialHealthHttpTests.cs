using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.Telemetry;

/// <summary>
/// /healthz with the app secret's expiry configured: "app-secret" turns Degraded within 30 days and after expiry, and
/// /healthz still answers 200 then (App Service only replaces instances on 503, and a new one has the same secret).
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class CredentialHealthHttpTests(AzuriteFixture azurite)
{
    private const string DetailsKey = "test-details-key-0123456789";

    [Theory]
    [InlineData(null, "Healthy", "Healthy")]
    [InlineData(200, "Healthy", "Healthy")]
    [InlineData(10, "Degraded", "Degraded")]
    [InlineData(-3, "Degraded", "Degraded")]
    public async Task GetHealthz_SecretExpiry_ReportsAppSecretAndStillAnswers200(int? daysLeft, string appSecret, string overall)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Health:DetailsKey"] = DetailsKey,
            ["MicrosoftAppPasswordExpiresOn"] = daysLeft is { } d ? DateTimeOffset.UtcNow.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty,
        };
        await using var factory = new BotFactory(azurite.ConnectionString, settings);
        using var client = factory.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz/details", UriKind.Relative));
        request.Headers.Add("X-Health-Key", DetailsKey);
        using var response = await client.SendAsync(request);

        // Anyone sees only the word (never the expiry date); the details need the key.
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (anonymous.StatusCode, await anonymous.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(overall, body["status"]!.GetValue<string>());
        Assert.Equal(appSecret, body["checks"]!["app-secret"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["table-storage"]!["status"]!.GetValue<string>());
    }
}
