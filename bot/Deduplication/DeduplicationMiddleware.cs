using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Localization;
using SupportBot.Storage.ProcessedActivities;

namespace SupportBot.Bot.Deduplication;

/// <summary>
/// Processes each incoming activity once. Teams and the Bot Connector retry a delivery that took too long or failed in
/// transit, and two instances may each get a copy.
/// </summary>
/// <remarks>
/// <para>A message turn costs no request of its own: its id is saved in the conversation state with the turn's changes
/// (<see cref="ConversationData.RecentActivityIds"/>). A copy that finds its id there was handled; of two copies
/// handled at once, the state write's ETag lets one win and the other finds the id after its conflict. Until the turn
/// is decided its replies are held back, so the losing copy sends nothing. A message turn about to change something
/// outside the state claims the activity in Table Storage first (<see cref="TurnClaims"/>): the first claim wins.</para>
/// <para>Card actions (invokes) and other activities always claim up front, alongside the state read. A turn that fails
/// gives its claim back, so the sender's retry is processed.</para>
/// </remarks>
public sealed partial class DeduplicationMiddleware(
    IProcessedActivityStore store,
    ConversationState conversationState,
    TextCatalog texts,
    TimeProvider time,
    ILogger<DeduplicationMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>Retries come within minutes; a day is generous and keeps the table small.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Message ids remembered per conversation: retries come within minutes, a person sends a few messages a minute.</summary>
    public const int RememberedIds = 8;

    private readonly IStatePropertyAccessor<ConversationData> _conversationData = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    /// <summary>The state dictionary's own ETag entry (<see cref="StateETag"/>); a new conversation's is set to "insert only".</summary>
    private readonly IStatePropertyAccessor<string> _stateETag = conversationState.CreateProperty<string>(StateETag.DictionaryKey);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (string.IsNullOrEmpty(activity?.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.Type == ActivityTypes.Message)
        {
            await OnMessageAsync(turnContext, activity, next, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The claim and the state read go out together, so deduplication costs a turn no extra wait. A card's
        // Action.Execute reads the state only when its handler needs it (a case card's button does not).
        var load = activity.Type is ActivityTypes.Invoke && activity.Name != "adaptiveCard/action"
            ? conversationState.LoadAsync(turnContext, force: false, cancellationToken)
            : Task.CompletedTask;
        var outcome = await store.ClaimAsync(activity.Conversation.Id, activity.Id, time.GetUtcNow() + Window, cancellationToken).ConfigureAwait(false);
        if (outcome == ClaimOutcome.Duplicate)
        {
            await Task.WhenAny(load).ConfigureAwait(false);
            _ = load.Exception; // nothing to do with this state: a failed read is observed and dropped
            LogDuplicate(logger, activity.Type);
            await AnswerDuplicateAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        await load.ConfigureAwait(false);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        catch when (outcome == ClaimOutcome.Claimed)
        {
            await store.ReleaseAsync(activity.Conversation.Id, activity.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task OnMessageAsync(ITurnContext turnContext, Activity activity, NextDelegate next, CancellationToken cancellationToken)
    {
        await conversationState.LoadAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        if (data.RecentActivityIds.Contains(activity.Id, StringComparer.Ordinal))
        {
            LogDuplicate(logger, activity.Type);
            return;
        }

        var forgotten = Remember(data.RecentActivityIds, activity.Id);
        if (await _stateETag.GetAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false) is null)
        {
            // Nothing stored yet: the first write must create the state, not overwrite another copy's.
            await _stateETag.SetAsync(turnContext, StateETag.InsertOnly, cancellationToken).ConfigureAwait(false);
        }

        var turn = new HeldTurn(store, activity.Conversation.Id, activity.Id, time.GetUtcNow() + Window, data.RecentActivityIds, forgotten);
        turnContext.TurnState.Add(TurnClaims.TurnStateKey, turn);
        turnContext.OnSendActivities(turn.OnSendAsync);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateDeliveryException)
        {
            turn.Discard();
            LogDuplicate(logger, activity.Type);
            return;
        }
        catch (Exception ex)
        {
            turn.Discard();
            if (turn.Outcome is null && IsConflict(ex) && await WasHandledAsync(turnContext, activity.Id, cancellationToken).ConfigureAwait(false))
            {
                // Another copy of this message saved its state first: its replies went out, ours are dropped.
                LogDuplicate(logger, activity.Type);
                return;
            }

            if (turn.Outcome == ClaimOutcome.Claimed)
            {
                await store.ReleaseAsync(activity.Conversation.Id, activity.Id, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        await turn.SendHeldAsync().ConfigureAwait(false);
    }

    /// <summary>Adds the id; returns the oldest ones it pushed out, so that the list can be put back as it was.</summary>
    private static string[] Remember(List<string> ids, string id)
    {
        ids.Add(id);
        if (ids.Count <= RememberedIds)
        {
            return [];
        }

        var forgotten = ids.GetRange(0, ids.Count - RememberedIds).ToArray();
        ids.RemoveRange(0, forgotten.Length);
        return forgotten;
    }

    private static bool IsConflict(Exception ex) =>
        ex is StorageConcurrencyException || ex.InnerException is StorageConcurrencyException;

    private async Task<bool> WasHandledAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken)
    {
        try
        {
            await conversationState.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
            var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
            return data.RecentActivityIds.Contains(activityId, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false; // cannot tell: treat it as the conflict it was
        }
    }

    private async Task AnswerDuplicateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type != ActivityTypes.Invoke)
        {
            return;
        }

        var text = texts.Get(UserLanguages.FromLocale(turnContext.Activity.Locale), "errors.duplicate");
        object body = turnContext.Activity.Name == "adaptiveCard/action"
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = text }
            : new { };
        await turnContext.SendActivityAsync(
            new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200, Body = body } },
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Duplicate {ActivityType} activity not processed again")]
    private static partial void LogDuplicate(ILogger logger, string activityType);

    /// <summary>
    /// A message turn whose replies wait until it is decided: its state saved, or its activity claimed (then what was
    /// held goes out and later replies go straight through, so a card sent after a claim has its id).
    /// </summary>
    private sealed class HeldTurn(IProcessedActivityStore store, string conversationId, string activityId, DateTimeOffset expiresAt, List<string> rememberedIds, string[] forgotten) : ITurnClaim
    {
        private readonly List<Func<Task<ResourceResponse[]>>> _held = [];
        private bool _passThrough;

        public ClaimOutcome? Outcome { get; private set; }

        public async Task ClaimAsync(bool claimAlone, CancellationToken cancellationToken)
        {
            if (Outcome is not null)
            {
                return;
            }

            Outcome = await store.ClaimAsync(conversationId, activityId, expiresAt, cancellationToken).ConfigureAwait(false);
            if (Outcome == ClaimOutcome.Duplicate)
            {
                throw new DuplicateDeliveryException();
            }

            if (claimAlone)
            {
                // The claim row stops every later copy: leave the ids as the turn found them (a turn that changes nothing
                // else then writes no state).
                rememberedIds.Remove(activityId);
                rememberedIds.InsertRange(0, forgotten);
            }

            await SendHeldAsync().ConfigureAwait(false);
        }

        public async Task<ResourceResponse[]> OnSendAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
        {
            if (_passThrough || activities.TrueForAll(a => a.Type == ActivityTypesEx.InvokeResponse))
            {
                return await next().ConfigureAwait(false);
            }

            _held.Add(next);
            return [.. activities.Select(_ => new ResourceResponse())];
        }

        public async Task SendHeldAsync()
        {
            _passThrough = true;
            foreach (var send in _held)
            {
                await send().ConfigureAwait(false);
            }

            _held.Clear();
        }

        /// <summary>The turn did not count: what it would have said is dropped, and anything said from now on (an apology) goes out.</summary>
        public void Discard()
        {
            _passThrough = true;
            _held.Clear();
        }
    }
}
