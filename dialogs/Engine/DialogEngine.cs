using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Engine;

/// <summary>
/// A small, generic dialog engine: asks a flow's questions in order, validates answers with a re-prompt
/// that says what was wrong, branches on answers, and handles interruptions at any point (112 first,
/// cancel, restart, help, back). It knows nothing about triage; flows are data.
/// </summary>
public sealed class DialogEngine
{
    /// <summary>A question card's answer buttons (the step's id and the value chosen in the data).</summary>
    public const string AnswerVerb = "answer";

    /// <summary>A dialog card's "112" and "börja om" buttons (the command's key as the value).</summary>
    public const string CommandVerb = "command";

    private readonly FlowCatalog _flows;
    private readonly AnswerParser _parser;
    private readonly DialogVocabulary _vocabulary;
    private readonly IDialogRenderer _renderer;
    private readonly Dictionary<string, IFlowCompletion> _completions;
    private readonly TimeProvider _time;
    private readonly DialogEngineOptions _options;
    private readonly Dictionary<StepKind, IStepChoiceSource> _choiceSources;

    public DialogEngine(
        FlowCatalog flows,
        AnswerParser parser,
        DialogVocabulary vocabulary,
        IDialogRenderer renderer,
        IEnumerable<IFlowCompletion> completions,
        TimeProvider time,
        IOptions<DialogEngineOptions> options,
        IEnumerable<IStepChoiceSource>? choiceSources = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _choiceSources = (choiceSources ?? []).ToDictionary(c => c.Kind);
        _flows = flows;
        _parser = parser;
        _vocabulary = vocabulary;
        _renderer = renderer;
        _completions = completions.ToDictionary(c => c.FlowId, StringComparer.Ordinal);
        _time = time;
        _options = options.Value;
    }

    /// <summary>Starts <paramref name="flowId"/> from its first question (replacing any dialog in progress).</summary>
    public Task StartAsync(ITurnContext turnContext, IDialogStateHolder holder, string flowId, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var flow = _flows[flowId];
        var now = _time.GetUtcNow();
        holder.Dialog = new DialogState { FlowId = flow.Id, StepId = flow.Start, StartedAt = now, UpdatedAt = now };
        return PromptAsync(turnContext, holder, flow, holder.Dialog, language, null, cancellationToken);
    }

    /// <summary>Shows the active dialog's current question again (e.g. after the user switched language). False when there is none.</summary>
    public async Task<bool> RepromptAsync(ITurnContext turnContext, IDialogStateHolder holder, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var state = holder.Dialog;
        if (state is null || !_flows.TryGet(state.FlowId, out var flow) || !flow.HasStep(state.StepId))
        {
            return false;
        }

        state.Pending = PendingOffer.None;
        state.UpdatedAt = _time.GetUtcNow();
        await PromptAsync(turnContext, holder, flow, state, language, null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Handles the user's input for the active dialog. False when there is none (the caller handles the input).</summary>
    public async Task<bool> ContinueAsync(ITurnContext turnContext, IDialogStateHolder holder, UserInput input, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(input);
        var state = holder.Dialog;
        if (state is null || !_flows.TryGet(state.FlowId, out var flow) || !flow.HasStep(state.StepId))
        {
            holder.Dialog = null;
            return false;
        }

        var now = _time.GetUtcNow();
        var command = CommandOf(input);
        var idle = now - state.UpdatedAt > TimeSpan.FromMinutes(_options.IdleMinutes);
        state.UpdatedAt = now;

        // 112 comes first, whatever else is going on.
        if (command == DialogCommand.Emergency)
        {
            state.Pending = PendingOffer.ResumeAfterEmergency;
            await SendAsync(turnContext, _renderer.Emergency(language, offerResume: true), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (idle && state.Pending == PendingOffer.None && command is not (DialogCommand.Cancel or DialogCommand.Restart))
        {
            state.Pending = PendingOffer.ResumeAfterIdle;
            await SendAsync(turnContext, _renderer.IdleOffer(language), cancellationToken).ConfigureAwait(false);
            return true;
        }

        switch (command)
        {
            case DialogCommand.Cancel:
                holder.Dialog = null;
                await SendAsync(turnContext, _renderer.Notice("dialog.cancelled", language), cancellationToken).ConfigureAwait(false);
                return true;
            case DialogCommand.Restart:
                await StartAsync(turnContext, holder, flow.Id, language, cancellationToken).ConfigureAwait(false);
                return true;
            case DialogCommand.Help:
                // Showing the question again answers any open offer: the person is back in the dialog.
                state.Pending = PendingOffer.None;
                await PromptAsync(turnContext, holder, flow, state, language, HelpNote(), cancellationToken).ConfigureAwait(false);
                return true;
            case DialogCommand.Back:
                await GoBackAsync(turnContext, holder, flow, state, language, cancellationToken).ConfigureAwait(false);
                return true;
        }

        if (state.Pending != PendingOffer.None)
        {
            return await AnswerOfferAsync(turnContext, holder, flow, state, command, input, language, cancellationToken).ConfigureAwait(false);
        }

        if (command is DialogCommand.Continue or DialogCommand.End)
        {
            // Buttons of an old offer card: the question we are on is the answer.
            await PromptAsync(turnContext, holder, flow, state, language, null, cancellationToken).ConfigureAwait(false);
            return true;
        }

        await AnswerStepAsync(turnContext, holder, flow, state, input, language, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> AnswerOfferAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, DialogCommand command, UserInput input, UserLanguage language, CancellationToken cancellationToken)
    {
        var normalized = Commands.CommandRecognizer.Normalize(input.Text ?? string.Empty);
        var resume = command == DialogCommand.Continue || _vocabulary.IsYes(normalized);
        var stop = command == DialogCommand.End || _vocabulary.IsNo(normalized);
        if (resume)
        {
            state.Pending = PendingOffer.None;
            await PromptAsync(turnContext, holder, flow, state, language, null, cancellationToken).ConfigureAwait(false);
        }
        else if (stop)
        {
            holder.Dialog = null;
            await SendAsync(turnContext, _renderer.Notice("dialog.ended", language), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var offer = state.Pending == PendingOffer.ResumeAfterEmergency
                ? _renderer.Emergency(language, offerResume: true)
                : _renderer.IdleOffer(language);
            await SendAsync(turnContext, offer, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task AnswerStepAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, UserInput input, UserLanguage language, CancellationToken cancellationToken)
    {
        var step = Resolve(turnContext, flow.Step(state.StepId));
        if (input.IsCardSubmit && input.StepId != step.Id)
        {
            // A click on an older question's card: show where we are instead of changing history.
            await PromptAsync(turnContext, holder, flow, state, language, new PromptNote("dialog.staleAnswer"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var answer = _parser.Parse(step, input, DateOnly.FromDateTime(_time.GetLocalNow().DateTime));
        if (!answer.IsValid)
        {
            state.Attempts++;
            if (state.Attempts >= _options.MaxAttempts)
            {
                // Several misread answers: keep everything answered so far and point to the buttons instead of
                // throwing the report away (a stressed person should not have to start again).
                state.Attempts = 0;
                await PromptAsync(turnContext, holder, flow, state, language, new PromptNote("dialog.retryLimit", IsError: true), cancellationToken).ConfigureAwait(false);
                return;
            }

            await PromptAsync(turnContext, holder, flow, state, language, new PromptNote(answer.ErrorKey!, answer.ErrorArgs, IsError: true), cancellationToken).ConfigureAwait(false);
            return;
        }

        state.Answers[step.Id] = answer.Value!;
        state.History.Add(step.Id);
        state.Attempts = 0;
        var next = NextStep(step, state.Answers);

        // Any answer can reveal an emergency ("Ja" to danger, "Pågår nu", one value of a multiple choice).
        if (answer.Value!.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(v => step.Signals.TryGetValue(v, out var signal) && signal == "emergency"))
        {
            if (next is null)
            {
                holder.Dialog = null;
                await SendAsync(turnContext, _renderer.Emergency(language, offerResume: false), cancellationToken).ConfigureAwait(false);
                return;
            }

            state.StepId = next;
            state.Pending = PendingOffer.ResumeAfterEmergency;
            await SendAsync(turnContext, _renderer.Emergency(language, offerResume: true), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (next is null)
        {
            await CompleteAsync(turnContext, holder, flow, state, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        state.StepId = next;
        await PromptAsync(turnContext, holder, flow, state, language, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task GoBackAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, UserLanguage language, CancellationToken cancellationToken)
    {
        state.Pending = PendingOffer.None;
        state.Attempts = 0;
        if (state.History.Count == 0)
        {
            await PromptAsync(turnContext, holder, flow, state, language, new PromptNote("dialog.firstQuestion"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var previous = state.History[^1];
        state.History.RemoveAt(state.History.Count - 1);
        state.Answers.Remove(previous);
        state.StepId = previous;
        await PromptAsync(turnContext, holder, flow, state, language, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first rule whose condition holds; a rule without a condition always holds; none means the end.</summary>
    internal static string? NextStep(StepDefinition step, IReadOnlyDictionary<string, string> answers) =>
        step.Next.FirstOrDefault(rule => rule.If is null || rule.If.Matches(answers))?.Goto;

    private DialogCommand CommandOf(UserInput input) =>
        input.IsCardSubmit
            ? input.Verb == CommandVerb ? DialogVocabulary.ParseCommandKey(input.Value) : DialogCommand.None
            : _vocabulary.CommandFor(input.Text);

    /// <summary>The step's own help when it has one, else the general help (the renderer picks).</summary>
    private static PromptNote HelpNote() => new("dialog.genericHelp", IsStepHelp: true);

    /// <summary>
    /// Shows the current question. A question whose choices come from the conversation (<see cref="IStepChoiceSource"/>)
    /// and leave only one answer is answered at once and not shown (a tenant with one organisation is never asked which);
    /// it is not put in the history, so "tillbaka" steps over it.
    /// </summary>
    private async Task PromptAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, UserLanguage language, PromptNote? note, CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = Resolve(turnContext, flow.Step(state.StepId));
            if (!(_choiceSources.ContainsKey(flow.Step(state.StepId).Kind) && step.Choices.Count == 1))
            {
                await SendAsync(turnContext, _renderer.Prompt(flow, step, state, language, note), cancellationToken).ConfigureAwait(false);
                return;
            }

            state.Answers[step.Id] = step.Choices[0].Id;
            var next = NextStep(step, state.Answers);
            if (next is null)
            {
                await CompleteAsync(turnContext, holder, flow, state, language, cancellationToken).ConfigureAwait(false);
                return;
            }

            state.StepId = next;
        }
    }

    private async Task CompleteAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, UserLanguage language, CancellationToken cancellationToken)
    {
        holder.Dialog = null;
        if (_completions.TryGetValue(flow.Id, out var completion))
        {
            await completion.CompleteAsync(turnContext, holder, flow, state, language, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A step whose choices come from the conversation becomes a plain choice with those choices; any other step is itself.</summary>
    private StepDefinition Resolve(ITurnContext turnContext, StepDefinition step)
    {
        if (!_choiceSources.TryGetValue(step.Kind, out var source))
        {
            return step;
        }

        return new StepDefinition
        {
            Id = step.Id,
            Kind = StepKind.Choice,
            Prompt = step.Prompt,
            Help = step.Help,
            Choices = source.ChoicesFor(turnContext),
            MaxLength = step.MaxLength,
            Optional = step.Optional,
            Signals = step.Signals,
            Next = step.Next,
        };
    }

    private static async Task SendAsync(ITurnContext turnContext, Microsoft.Bot.Schema.IActivity activity, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(activity, cancellationToken).ConfigureAwait(false);
}
