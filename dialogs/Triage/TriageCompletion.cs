using Microsoft.Bot.Builder;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Dialogs.Triage;

/// <summary>When the triage's last question is answered: decide urgency, save the case, show the guidance card (out-of-scope and central-government cases are not saved).</summary>
/// <remarks>A HÖG or AKUT case also starts its follow-ups (<see cref="FollowUps.FollowUpSchedule"/>), when the host has them.</remarks>
public sealed class TriageCompletion(ICaseStore cases, TriageCards cards, TenantDirectory tenants, TimeProvider time, FollowUps.IFollowUpStore? followUps = null, FollowUps.FollowUpSchedule? followUpSchedule = null) : IFlowCompletion
{
    public const string TriageFlowId = "triage";

    public string FlowId => TriageFlowId;

    public async Task CompleteAsync(ITurnContext turnContext, IDialogStateHolder holder, FlowDefinition flow, DialogState state, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        var answers = new TriageAnswers(state.Answers);
        if (answers.OnlyEmployee)
        {
            // Out of scope: the employer's work-environment duty. Nothing is stored as a case.
            await turnContext.SendActivityAsync(cards.OutOfScope(language), cancellationToken).ConfigureAwait(false);
            return;
        }

        var from = turnContext.Activity.From;
        var urgency = UrgencyClassifier.Classify(answers);
        if (answers.CentralGovernment)
        {
            // Säpo's remit, not a municipal case: guidance without a stored case (there is no municipality to file it under).
            var unsaved = new CaseRecord(string.Empty, string.Empty, string.Empty, ReporterIds.Of(from), from?.Name ?? string.Empty, urgency, new Dictionary<string, string>(state.Answers), time.GetUtcNow(), CaseStatus.New, language.Code());
            await turnContext.SendActivityAsync(cards.Guidance(unsaved, language, saved: false), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The organisation is one the verified tenant reports for, checked again here: the answer came through the
        // conversation state, and the tenant's organisations may have changed since the question was asked.
        var tenantId = ActivityTenant.Of(turnContext.Activity);
        if (tenants.OrganisationOf(tenantId, answers.Organisation) is not { } organisation)
        {
            await turnContext.SendActivityAsync(cards.Notice("tenants.noOrganisation", language), cancellationToken).ConfigureAwait(false);
            return;
        }

        await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var record = await cases.CreateAsync(
            new NewCase(
                tenantId!,
                organisation.Code,
                organisation.Name,
                ReporterIds.Of(from),
                from?.Name ?? string.Empty,
                urgency,
                new Dictionary<string, string>(state.Answers),
                time.GetUtcNow(),
                language.Code()),
            StartFollowUpsAsync,
            cancellationToken).ConfigureAwait(false);
        if (holder is ConversationData data)
        {
            data.LastCase = record;
        }

        await turnContext.SendActivityAsync(cards.Guidance(record, language), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saved with the case (a follow-up whose case is missing stops itself when due).</summary>
    private Task StartFollowUpsAsync(CaseRecord record, CancellationToken cancellationToken) =>
        followUps is not null && followUpSchedule?.Start(record) is { } followUp
            ? followUps.ScheduleAsync(followUp, cancellationToken)
            : Task.CompletedTask;
}

/// <summary>The reporter's stable id: the Entra (AAD) object id when Teams gives one, else the channel's user id.</summary>
public static class ReporterIds
{
    public static string Of(Microsoft.Bot.Schema.ChannelAccount? account) =>
        !string.IsNullOrEmpty(account?.AadObjectId) ? account.AadObjectId : account?.Id ?? string.Empty;
}
