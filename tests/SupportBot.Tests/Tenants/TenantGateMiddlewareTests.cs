using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using SupportBot.Bot.Tenants;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Organisations;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Tenants;

/// <summary>The tenant gate in front of everything: a tenant that has not joined gets one kind card and nothing else runs.</summary>
public sealed class TenantGateMiddlewareTests
{
    private static TenantGateMiddleware Gate()
    {
        var triage = new SupportBot.Dialogs.Triage.TriageCards(SupportBot.Dialogs.Localization.TextCatalog.Default, SupportBot.Cards.CardLibrary.Default, SupportBot.Dialogs.Triage.GuidanceContent.Default, CardSamples.Contacts);
        return new TenantGateMiddleware(TestTenants.Directory, new PlaceCards(SupportBot.Dialogs.Localization.TextCatalog.Default, triage, CardSamples.Contacts), NullLogger<TenantGateMiddleware>.Instance);
    }

    private static (TestAdapter Adapter, List<string> Reached) Adapter(string? tenant, string locale = "sv-SE")
    {
        var reference = TestAdapter.CreateConversation("gate-test");
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = "personal";
        reference.Conversation.TenantId = tenant;
        var adapter = new TestAdapter(reference) { Locale = locale };
        adapter.Use(Gate());
        return (adapter, []);
    }

    private static string CardText(IActivity activity) =>
        string.Join("\n", JObject.FromObject(((IMessageActivity)activity).Attachments[0].Content).Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title").Select(p => p.Value.ToString()));

    [Theory]
    [InlineData(TestTenants.A)]
    [InlineData(TestTenants.B)]
    [InlineData(TestTenants.Skr)]
    public async Task OnTurn_OnboardedTenantOrTheAdvisers_GoesOn(string tenant)
    {
        var (adapter, reached) = Adapter(tenant);
        await new TestFlow(adapter, (turn, ct) => { reached.Add(turn.Activity.Text); return Task.CompletedTask; })
            .Send("hej").AssertNoReply().StartTestAsync();

        Assert.Equal(["hej"], reached);
    }

    [Theory]
    [InlineData(TestTenants.Stranger, "sv-SE", "inte ansluten")]
    [InlineData(null, "sv-SE", "inte ansluten")]
    [InlineData(TestTenants.Stranger, "en-GB", "has not joined")]
    public async Task OnTurn_TenantThatHasNotJoined_GetsOneKindCardWith112FirstAndNothingRuns(string? tenant, string locale, string expected)
    {
        var (adapter, reached) = Adapter(tenant, locale);
        await new TestFlow(adapter, (turn, ct) => { reached.Add(turn.Activity.Text); return Task.CompletedTask; })
            .Send("rapportera")
            .AssertReply(reply =>
            {
                var text = CardText(reply);
                Assert.StartsWith(locale == "en-GB" ? "In immediate danger: call 112" : "Vid akut fara: ring 112", text, StringComparison.Ordinal);
                Assert.Contains(expected, text, StringComparison.Ordinal);
                Assert.Contains("08-452 70 00", text, StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();

        Assert.Empty(reached);
    }

    [Fact]
    public async Task OnTurn_ConversationAndChannelDataDisagreeOnTheTenant_IsRefused()
    {
        var (adapter, reached) = Adapter(TestTenants.A);
        var activity = adapter.MakeActivity("hej");
        activity.ChannelData = new JObject { ["tenant"] = new JObject { ["id"] = TestTenants.Stranger } };

        await new TestFlow(adapter, (turn, ct) => { reached.Add(turn.Activity.Text); return Task.CompletedTask; })
            .Send(activity).AssertReply(reply => Assert.Contains("inte ansluten", CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();

        Assert.Empty(reached);
    }

    [Theory]
    [InlineData(TestTenants.A, TestTenants.A, TestTenants.A)]
    [InlineData(TestTenants.A, null, TestTenants.A)]
    [InlineData(null, TestTenants.B, TestTenants.B)]
    [InlineData(" ", null, null)]
    [InlineData(TestTenants.A, TestTenants.B, null)]
    public void ActivityTenant_ConversationAndChannelData_AgreeOrUnknown(string? conversation, string? channelData, string? expected)
    {
        var activity = new Activity
        {
            Conversation = new ConversationAccount { TenantId = conversation },
            ChannelData = channelData is null ? null : new JObject { ["tenant"] = new JObject { ["id"] = channelData } },
        };

        Assert.Equal(expected, ActivityTenant.Of(activity));
    }

    [Fact]
    public void TenantDirectory_OrganisationsAndTheAdvisersTenant_AsConfigured()
    {
        var directory = TestTenants.Directory;

        Assert.Equal([TestTenants.CodeA], directory.OrganisationsOf(TestTenants.A).Select(o => o.Code));
        Assert.Equal([TestTenants.CodeB1, TestTenants.CodeB2], directory.OrganisationsOf(TestTenants.B.ToUpperInvariant()).Select(o => o.Code));
        Assert.Empty(directory.OrganisationsOf(TestTenants.Skr));
        Assert.True(directory.IsOnboarded(TestTenants.Skr));
        Assert.False(directory.IsOnboarded(TestTenants.Stranger));
        Assert.False(directory.IsOnboarded(null));
        Assert.Null(directory.OrganisationOf(TestTenants.A, TestTenants.CodeB1));
    }
}
