using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace SupportBot.Tests.Cards;

/// <summary>A button nobody answers any more (a card from an older version): a kind line in the person's language, never an error.</summary>
public sealed class UnknownCardVerbTests
{
    private static TestAdapter Adapter(string locale)
    {
        var reference = TestAdapter.CreateConversation("unknown-verb").InTenant(TestTenants.A);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = "personal";
        return new TestAdapter(reference) { Locale = locale };
    }

    [Theory]
    [InlineData("sv-SE", "går inte att använda längre")]
    [InlineData("en-US", "no longer available")]
    public async Task Submit_UnknownVerb_SaysTheButtonIsNoLongerAvailable(string locale, string expected)
    {
        var bot = new TestBot();
        var adapter = Adapter(locale);
        var activity = adapter.MakeActivity();
        activity.Text = null;
        activity.Locale = locale;
        activity.Value = new JObject { ["verb"] = "case.archive", ["case"] = "HH-2026-0001" };

        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);

        var reply = (IMessageActivity)adapter.GetNextReply();
        Assert.Contains(expected, JObject.FromObject(reply.Attachments[0].Content).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE", "går inte att använda längre")]
    [InlineData("en-US", "no longer available")]
    public async Task Execute_UnknownVerb_AnswersACardWithStatus200(string locale, string expected)
    {
        var bot = new TestBot();
        var adapter = Adapter(locale);
        var activity = adapter.MakeActivity();
        activity.Type = ActivityTypes.Invoke;
        activity.Name = "adaptiveCard/action";
        activity.Text = null;
        activity.Locale = locale;
        activity.Value = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = "case.archive", ["data"] = new JObject() }, ["trigger"] = "manual" };

        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);

        var response = (InvokeResponse)((Activity)adapter.GetNextReply()).Value;
        Assert.Equal(200, response.Status);
        Assert.Contains(expected, JObject.FromObject(response.Body).ToString(), StringComparison.Ordinal);
    }
}
