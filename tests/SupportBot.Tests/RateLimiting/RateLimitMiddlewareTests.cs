using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Bot.RateLimiting;
using SupportBot.Cards;
using SupportBot.Dialogs.Limits;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.RateLimiting;

/// <summary>The per-person limits in the turn pipeline: which limit a turn counts against, and what a limited person sees.</summary>
public sealed class RateLimitMiddlewareTests
{
    private static RateLimitOptions Limits(int turns = 30, int erasure = 3, int refused = 10) => new()
    {
        Turns = new RateLimitWindow { PermitLimit = turns, WindowSeconds = 60 },
        Erasure = new RateLimitWindow { PermitLimit = erasure, WindowSeconds = 600 },
        AddInformation = new RateLimitWindow { PermitLimit = 10, WindowSeconds = 600 },
        Share = new RateLimitWindow { PermitLimit = 10, WindowSeconds = 600 },
        RefusedActions = new RateLimitWindow { PermitLimit = refused, WindowSeconds = 600 },
    };

    private static RateLimitMiddleware Middleware(RateLimitOptions options, out PersonRateLimiter limiter)
    {
        limiter = new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(options));
        var cards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts);
        return new RateLimitMiddleware(limiter, cards, TextCatalog.Default);
    }

    private static Activity Submit(string verb) => new() { Type = ActivityTypes.Message, Value = new JObject { ["verb"] = verb } };

    private static Activity Execute(string verb) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        Value = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb } },
    };

    public static TheoryData<string, Activity, RateLimitKind?, bool> Classifications => new()
    {
        { "typed text", new Activity { Type = ActivityTypes.Message, Text = "hej" }, null, false },
        { "erasure confirm", Submit("erase.confirm"), RateLimitKind.Erasure, true },
        { "erasure cancel", Submit("erase.cancel"), RateLimitKind.Erasure, true },
        { "add information", Submit("case.addinfo"), RateLimitKind.AddInformation, true },
        { "share (submit)", Submit("checklist.share"), RateLimitKind.Share, true },
        { "share (execute)", Execute("checklist.share"), RateLimitKind.Share, true },
        { "take (execute)", Execute("case.take"), null, true },
        { "triage answer", Submit("answer"), null, false },
        { "invoke without a verb", new Activity { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", Value = "not json" }, null, false },
        { "other invoke", new Activity { Type = ActivityTypes.Invoke, Name = "task/fetch", Value = new JObject { ["verb"] = "case.take" } }, null, false },
    };

    [Theory]
    [MemberData(nameof(Classifications))]
    public void Classify_Activity_CountsAgainstTheRightLimit(string scenario, Activity activity, RateLimitKind? kind, bool isCardAction)
    {
        Assert.Equal((kind, isCardAction), RateLimitMiddleware.Classify(activity));
        Assert.NotEmpty(scenario);
    }

    [Theory]
    [InlineData("aad-1", "29:x", "aad-1")]
    [InlineData("", "29:x", "29:x")]
    [InlineData(null, "29:x", "29:x")]
    [InlineData(null, "", null)]
    public void PersonOf_From_EntraObjectIdElseChannelId(string? aad, string id, string? expected) =>
        Assert.Equal(expected, RateLimitMiddleware.PersonOf(new ChannelAccount(id) { AadObjectId = aad }));

    [Fact]
    public async Task OnTurnAsync_OverTheTurnLimit_OneKindMessageThenSilenceAndOthersUnaffected()
    {
        var middleware = Middleware(Limits(turns: 3), out _);
        var adapter = new TestAdapter(TestAdapter.CreateConversation("limits")) { Locale = "sv-SE" }.Use(middleware);
        var handled = new List<string>();
        Task Bot(ITurnContext turn, CancellationToken ct)
        {
            handled.Add(turn.Activity.From.Id);
            return Task.CompletedTask;
        }

        var replies = new List<IActivity>();
        for (var i = 0; i < 6; i++)
        {
            var activity = adapter.MakeActivity("hej");
            activity.From = new ChannelAccount("29:flooder") { AadObjectId = "aad-flooder" };
            await adapter.ProcessActivityAsync(activity, Bot, CancellationToken.None);
            while (adapter.GetNextReply() is { } reply)
            {
                replies.Add(reply);
            }
        }

        var other = adapter.MakeActivity("hej");
        other.From = new ChannelAccount("29:colleague") { AadObjectId = "aad-colleague" };
        await adapter.ProcessActivityAsync(other, Bot, CancellationToken.None);

        Assert.Equal(3, handled.Count(h => h == "29:flooder"));
        Assert.Contains("29:colleague", handled);
        var notice = Assert.Single(replies);
        Assert.Contains(TextCatalog.Default.Get(UserLanguage.Swedish, "limits.tooMany"), JObject.FromObject(((IMessageActivity)notice).Attachments[0].Content).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnTurnAsync_RefusedCardActionsPastTheLimit_CardActionsStopButTextStillWorks()
    {
        var middleware = Middleware(Limits(refused: 2), out var limiter);
        var adapter = new TestAdapter(TestAdapter.CreateConversation("refusals")).Use(middleware);
        var handled = 0;
        Task Refusing(ITurnContext turn, CancellationToken ct)
        {
            handled++;
            TurnSignals.Refused(turn, "notAdviser");
            return Task.CompletedTask;
        }

        for (var i = 0; i < 4; i++)
        {
            var click = adapter.MakeActivity();
            click.Text = null;
            click.Value = new JObject { ["verb"] = "case.take" };
            await adapter.ProcessActivityAsync(click, Refusing, CancellationToken.None);
        }

        Assert.Equal(2, handled);
        Assert.False(limiter.HasPermits(RateLimitKind.RefusedAction, adapter.Conversation.User.Id));
        await adapter.ProcessActivityAsync(adapter.MakeActivity("hjälp"), Refusing, CancellationToken.None);
        Assert.Equal(3, handled);
    }

    [Theory]
    [InlineData(0, 60, false)]
    [InlineData(30, 0, false)]
    [InlineData(30, 86_401, false)]
    [InlineData(1, 1, true)]
    [InlineData(1_000_000, 86_400, true)]
    public void Validate_Window_InRangeOnly(int permits, int seconds, bool valid)
    {
        var options = Limits();
        options.Share = new RateLimitWindow { PermitLimit = permits, WindowSeconds = seconds };
        Assert.Equal(valid, new RateLimitOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_MissingWindow_Fails()
    {
        var options = Limits();
        options.Erasure = null!;
        var result = new RateLimitOptionsValidator().Validate(null, options);
        Assert.False(result.Succeeded);
        Assert.Contains("RateLimits:Erasure", result.FailureMessage, StringComparison.Ordinal);
    }
}
