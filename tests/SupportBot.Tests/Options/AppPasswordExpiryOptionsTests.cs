using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using SupportBot.Bot.Hosting;
using SupportBot.Bot.Options;

namespace SupportBot.Tests.Options;

/// <summary>MicrosoftAppPasswordExpiresOn: optional, ISO 8601, a clear reason when it is not.</summary>
public sealed class AppPasswordExpiryOptionsTests
{
    private const string Reason = "MicrosoftAppPasswordExpiresOn must be an ISO date such as 2027-03-31 (or 2027-03-31T10:00:00Z), or empty.";

    private static BotCredentialsValidator Validator()
    {
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns("Production");
        return new BotCredentialsValidator(env.Object);
    }

    private static BotCredentialsOptions Credentials(string expiresOn) => new()
    {
        MicrosoftAppId = "app-id",
        MicrosoftAppPassword = "secret",
        MicrosoftAppTenantId = "tenant",
        MicrosoftAppPasswordExpiresOn = expiresOn,
    };

    [Theory]
    [InlineData("", null)]
    [InlineData("2027-03-31", "2027-03-31T00:00:00+00:00")]
    [InlineData(" 2027-03-31 ", "2027-03-31T00:00:00+00:00")]
    [InlineData("2027-03-31T10:22:33Z", "2027-03-31T10:22:33+00:00")]
    [InlineData("2027-03-31T10:22:33.1234567Z", "2027-03-31T10:22:33.1234567+00:00")]
    [InlineData("2027-03-31T12:22:33+02:00", "2027-03-31T10:22:33+00:00")]
    public void Validate_IsoExpiry_SucceedsAndParsesAsUtc(string text, string? expected)
    {
        var options = Credentials(text);

        Assert.True(Validator().Validate(null, options).Succeeded);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), options.PasswordExpiresOn);
    }

    [Theory]
    [InlineData("31/03/2027")]
    [InlineData("2027-13-01")]
    [InlineData("2027-02-30")]
    [InlineData("next year")]
    [InlineData("20270331")]
    [InlineData("2027-03-31 10:00")]
    public void Validate_NotAnIsoDate_FailsWithOneLineReason(string text)
    {
        var result = Validator().Validate(null, Credentials(text));

        Assert.False(result.Succeeded);
        Assert.Equal(Reason, result.FailureMessage);
    }

    [Fact]
    public void AddSupportBotOptions_MalformedExpiry_FailsAtStartWithOneLineReason()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppPasswordExpiresOn"] = "31/03/2027" }).Build();
        var services = new ServiceCollection();
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns("Development");
        services.AddSingleton(env.Object);
        using var provider = services.AddSupportBotOptions(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BotCredentialsOptions>>().Value);

        Assert.Equal(Reason, Assert.Single(ex.Failures));
    }
}
