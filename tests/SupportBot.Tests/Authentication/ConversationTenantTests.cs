using SupportBot.Bot.Authentication;

namespace SupportBot.Tests.Authentication;

public sealed class ConversationTenantTests
{
    private const string TenantA = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-0000-0000-000000000002";

    [Fact]
    public void Current_OutsideAnyScope_IsNull() => Assert.Null(ConversationTenant.Current);

    [Fact]
    public void Use_NestedScopes_EachDisposeRestoresThePreviousTenant()
    {
        using (ConversationTenant.Use(TenantA))
        {
            Assert.Equal(TenantA, ConversationTenant.Current);
            using (ConversationTenant.Use(TenantB))
            {
                Assert.Equal(TenantB, ConversationTenant.Current);
            }

            Assert.Equal(TenantA, ConversationTenant.Current);
        }

        Assert.Null(ConversationTenant.Current);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Use_BlankTenant_SetsNullForTheScope(string? tenant)
    {
        using (ConversationTenant.Use(TenantA))
        {
            using (ConversationTenant.Use(tenant))
            {
                Assert.Null(ConversationTenant.Current);
            }

            Assert.Equal(TenantA, ConversationTenant.Current);
        }
    }

    [Fact]
    public void Dispose_Twice_RestoresOnlyOnce()
    {
        using var outer = ConversationTenant.Use(TenantA);
        var inner = ConversationTenant.Use(TenantB);
        inner.Dispose();
        using (ConversationTenant.Use(TenantB))
        {
            inner.Dispose();
            Assert.Equal(TenantB, ConversationTenant.Current);
        }

        Assert.Equal(TenantA, ConversationTenant.Current);
    }

    [Fact]
    public async Task Use_ConcurrentFlows_EachSeesItsOwnTenant()
    {
        async Task<string?> SeenAfterAwait(string tenant)
        {
            using (ConversationTenant.Use(tenant))
            {
                await Task.Delay(20);
                return ConversationTenant.Current;
            }
        }

        var seen = await Task.WhenAll(Task.Run(() => SeenAfterAwait(TenantA)), Task.Run(() => SeenAfterAwait(TenantB)));

        Assert.Equal(new string?[] { TenantA, TenantB }, seen);
        Assert.Null(ConversationTenant.Current);
    }
}
