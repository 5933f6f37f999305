using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Rest;
using Moq;
using SupportBot.Bot.Authentication;
using SupportBot.Bot.Hosting;
using SupportBot.Bot.Options;

namespace SupportBot.Tests.Authentication;

public sealed class TenantCredentialsFactoryTests
{
    private const string AppId = "11111111-1111-1111-1111-111111111111";
    private const string HomeTenant = "00000000-0000-0000-0000-0000000000aa";
    private const string TenantA = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string IdentityClientId = "22222222-2222-2222-2222-222222222222";

    /// <summary>A factory whose inner factories answer with one credentials object per tenant, counting how many were made.</summary>
    private sealed class Recorder
    {
        public Dictionary<string, ServiceClientCredentials> CredentialsByTenant { get; } = [];

        public List<string?> Created { get; } = [];

        public TenantCredentialsFactory Factory(string? defaultTenant) => new(defaultTenant, tenant =>
        {
            Created.Add(tenant);
            var credentials = new Mock<ServiceClientCredentials>().Object;
            CredentialsByTenant[tenant ?? "(none)"] = credentials;
            var inner = new Mock<ServiceClientCredentialsFactory>();
            inner.Setup(f => f.CreateCredentialsAsync(AppId, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(credentials);
            inner.Setup(f => f.IsValidAppIdAsync(AppId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
            return inner.Object;
        });
    }

    private static Task<ServiceClientCredentials> Create(TenantCredentialsFactory factory) =>
        factory.CreateCredentialsAsync(AppId, "https://api.botframework.com", "https://login.microsoftonline.com/", true, CancellationToken.None);

    [Fact]
    public async Task CreateCredentialsAsync_InsideATenantScope_AsksThatTenantsFactory()
    {
        var recorder = new Recorder();
        var factory = recorder.Factory(HomeTenant);

        ServiceClientCredentials inA, inB;
        using (ConversationTenant.Use(TenantA))
        {
            inA = await Create(factory);
        }

        using (ConversationTenant.Use(TenantB))
        {
            inB = await Create(factory);
        }

        Assert.Same(recorder.CredentialsByTenant[TenantA], inA);
        Assert.Same(recorder.CredentialsByTenant[TenantB], inB);
    }

    [Fact]
    public async Task CreateCredentialsAsync_OutsideAnyScope_UsesTheConfiguredTenant()
    {
        var recorder = new Recorder();

        var credentials = await Create(recorder.Factory(HomeTenant));

        Assert.Same(recorder.CredentialsByTenant[HomeTenant], credentials);
    }

    [Theory]
    [InlineData("not-a-tenant")]
    [InlineData("../common")]
    public async Task CreateCredentialsAsync_TenantIsNotAGuid_UsesTheConfiguredTenant(string tenant)
    {
        var recorder = new Recorder();

        using (ConversationTenant.Use(tenant))
        {
            await Create(recorder.Factory(HomeTenant));
        }

        Assert.Equal(new string?[] { HomeTenant }, recorder.Created);
    }

    [Fact]
    public async Task CreateCredentialsAsync_SameTenantAgain_ReusesItsFactory()
    {
        var recorder = new Recorder();
        var factory = recorder.Factory(HomeTenant);

        for (var i = 0; i < 3; i++)
        {
            using (ConversationTenant.Use(TenantA))
            {
                await Create(factory);
            }

            using (ConversationTenant.Use(TenantA.ToUpperInvariant()))
            {
                await Create(factory);
            }

            await Create(factory);
        }

        Assert.Equal(new string?[] { TenantA, HomeTenant }, recorder.Created);
    }

    [Fact]
    public async Task IsValidAppIdAsync_AnyScope_AnswersFromTheConfiguredTenant()
    {
        var recorder = new Recorder();
        var factory = recorder.Factory(HomeTenant);

        using (ConversationTenant.Use(TenantA))
        {
            Assert.True(await factory.IsValidAppIdAsync(AppId, CancellationToken.None));
        }

        Assert.Equal(new string?[] { HomeTenant }, recorder.Created);
    }

    [Fact]
    public void ForTenant_MicrosoftAppClientIdSet_SelectsTheFederatedFactory()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = HomeTenant, MicrosoftAppClientId = IdentityClientId };

        var inner = TenantCredentialsFactory.ForTenant(options, TenantA, NullLogger.Instance);

        Assert.IsType<FederatedServiceClientCredentialsFactory>(inner);
    }

    [Fact]
    public void ForTenant_SecretOnly_SelectsThePasswordFactoryForThatTenant()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = HomeTenant, MicrosoftAppPassword = "local-secret" };

        var inner = Assert.IsType<PasswordServiceClientCredentialFactory>(TenantCredentialsFactory.ForTenant(options, TenantA, NullLogger.Instance));

        Assert.Equal(TenantA, inner.TenantId);
        Assert.Equal(AppId, inner.AppId);
    }

    [Fact]
    public async Task CreateCredentialsAsync_MicrosoftAppClientIdSet_GivesFederatedCredentialsForTheConversationsTenant()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = HomeTenant, MicrosoftAppClientId = IdentityClientId };
        var factory = new TenantCredentialsFactory(options, NullLogger<TenantCredentialsFactory>.Instance);

        using (ConversationTenant.Use(TenantA))
        {
            // Creating the credentials requests no token yet (that happens on the first call to Teams).
            var credentials = await Create(factory);

            Assert.IsType<FederatedAppCredentials>(credentials);
        }
    }

    [Fact]
    public void CredentialsFactory_MicrosoftAppClientIdSet_IsTheTenantFactoryWithFederatedCredentials()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = HomeTenant, MicrosoftAppClientId = IdentityClientId };

        Assert.IsType<TenantCredentialsFactory>(SupportBotServiceCollectionExtensions.CredentialsFactory(options, NullLoggerFactory.Instance));
    }

    [Theory]
    [InlineData("SingleTenant", "", true)]
    [InlineData("SingleTenant", AppId, false)]
    [InlineData("UserAssignedMSI", AppId, true)]
    public void CredentialsFactory_AnonymousOrPlainManagedIdentity_LeavesItToTheSdk(string appType, string appId, bool sdkDefault)
    {
        var options = new BotCredentialsOptions { MicrosoftAppType = appType, MicrosoftAppId = appId, MicrosoftAppTenantId = HomeTenant, MicrosoftAppPassword = appType == "SingleTenant" && appId.Length > 0 ? "secret" : "" };

        Assert.Equal(sdkDefault, SupportBotServiceCollectionExtensions.CredentialsFactory(options, NullLoggerFactory.Instance) is null);
    }
}
