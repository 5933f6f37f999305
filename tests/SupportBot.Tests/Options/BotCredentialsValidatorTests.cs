using Microsoft.Extensions.Hosting;
using Moq;
using SupportBot.Bot.Options;

namespace SupportBot.Tests.Options;

public sealed class BotCredentialsValidatorTests
{
    private static BotCredentialsValidator Validator(string environment)
    {
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns(environment);
        return new BotCredentialsValidator(env.Object);
    }

    [Theory]
    [InlineData("Development", "SingleTenant", "", "", "", true)]
    [InlineData("Production", "SingleTenant", "", "", "", false)]
    [InlineData("Staging", "SingleTenant", "", "", "", false)]
    [InlineData("Test", "SingleTenant", "", "", "", false)]
    [InlineData("Production-slot", "SingleTenant", "", "", "", false)]
    [InlineData("Staging", "SingleTenant", "app-id", "secret", "tenant", true)]
    [InlineData("Production", "SingleTenant", "app-id", "secret", "tenant", true)]
    [InlineData("Production", "SingleTenant", "app-id", "", "tenant", false)]
    [InlineData("Production", "SingleTenant", "app-id", "secret", "", false)]
    [InlineData("Production", "MultiTenant", "app-id", "secret", "", true)]
    [InlineData("Production", "UserAssignedMSI", "app-id", "", "tenant", true)]
    [InlineData("Development", "Anonymous", "", "", "", false)]
    public void Validate_CredentialCombination_SucceedsOnlyWhenSafe(string environment, string appType, string appId, string password, string tenant, bool expected)
    {
        var result = Validator(environment).Validate(null, new BotCredentialsOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = appId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
        });

        Assert.Equal(expected, result.Succeeded);
        if (!expected)
        {
            Assert.DoesNotContain("\n", result.FailureMessage ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
