using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace SupportBot.Tests.Cards;

/// <summary>A button nobody answers any more (a card from an older version): a kind line in the person's language, never an error.</summary>
public sealed class UnknownCardVerbTests
{
    /// <summary>Sends one card activity (no text, the given value) in a personal chat and returns the first reply.</summary>
    private static async Task<IActivity> ClickAsync(string locale, string type, JObject value)
    {
        var reference = TestAdapter.CreateConversation("unknown-verb").InTenant(TestTenants.A);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = "personal";
        var adapter = new TestAdapter(reference) { Locale = locale };
        var activity = adapter.MakeActivity();
        activity.Type = type;
        activity.Name = type == ActivityTypes.Invoke ? "adaptiveCard/action" : null;
        activity.Text = null;
        activity.Locale = locale;
        activity.Value = value;
        await adapter.ProcessActivityAsync(activity, new TestBot().Handler.OnTurnAsync, CancellationToken.None);
        return adapter.GetNextReply();
    }

    [Theory]
    [InlineData("sv-SE", "går inte att använda längre")]
    [InlineData("en-US", "no longer available")]
    public async Task Submit_UnknownVerb_SaysTheButtonIsNoLongerAvailable(string locale, string expected)
    {
        var reply = (IMessageActivity)await ClickAsync(locale, ActivityTypes.Message, new JObject { ["verb"] = "case.archive", ["case"] = "HH-2026-0001" });

        Assert.Contains(expected, JObject.FromObject(reply.Attachments[0].Content).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE", "går inte att använda längre")]
    [InlineData("en-US", "no longer available")]
    public async Task Execute_UnknownVerb_AnswersACardWithStatus200(string locale, string expected)
    {
        var execute = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = "case.archive", ["data"] = new JObject() }, ["trigger"] = "manual" };
        var response = (InvokeResponse)((Activity)await ClickAsync(locale, ActivityTypes.Invoke, execute)).Value;

        Assert.Equal(200, response.Status);
        Assert.Contains(expected, JObject.FromObject(response.Body).ToString(), StringComparison.Ordinal);
    }
}
