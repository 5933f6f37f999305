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

    [Theory]
    [InlineData("SingleTenant", "22222222-2222-2222-2222-222222222222", "", true)]
    [InlineData("MultiTenant", "22222222-2222-2222-2222-222222222222", "", true)]
    [InlineData("SingleTenant", "not-a-guid", "", false)]
    [InlineData("SingleTenant", "22222222-2222-2222-2222-222222222222", "secret", false)]
    [InlineData("UserAssignedMSI", "22222222-2222-2222-2222-222222222222", "", false)]
    public void Validate_MicrosoftAppClientId_NeedsNoSecretAndExcludesOne(string appType, string clientId, string password, bool expected)
    {
        var result = Validator("Production").Validate(null, new BotCredentialsOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = "app-id",
            MicrosoftAppTenantId = "tenant",
            MicrosoftAppClientId = clientId,
            MicrosoftAppPassword = password,
        });

        Assert.Equal(expected, result.Succeeded);
        Assert.DoesNotContain("\n", result.FailureMessage ?? string.Empty, StringComparison.Ordinal);
    }
}
