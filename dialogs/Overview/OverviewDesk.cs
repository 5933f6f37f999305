using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Overview;

/// <summary>"översikt" / "overview": a manager's view of their own organisation; anyone else gets a polite refusal.</summary>
public sealed class OverviewDesk(ManagerDirectory managers, IOverviewSource source, IOverviewChart chart, OverviewCards cards, TriageCards triageCards, OfficeCalendar calendar, TimeProvider time, FollowUps.IFollowUpStore? followUps = null, IEscalationStore? escalations = null, ISubscriptionStore? subscriptions = null)
{
    public async Task<IMessageActivity> OverviewAsync(ITurnContext turnContext, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (managers.OrganisationFor(turnContext.Activity.From, ActivityTenant.Of(turnContext.Activity)) is not { } organisation)
        {
            return triageCards.Notice("overview.refused", language);
        }

        var now = time.GetUtcNow();
        var data = await source.LoadAsync(organisation.Code, OverviewStats.WindowStart(now, calendar.TimeZone), cancellationToken).ConfigureAwait(false);
        var stats = OverviewStats.From(data, now, calendar.TimeZone);
        var png = chart.RenderPng(cards.Chart(stats, language));
        var withoutFollowUp = await OpenWithoutFollowUpAnswerAsync(organisation.Code, cancellationToken).ConfigureAwait(false);
        var tenantId = ActivityTenant.Of(turnContext.Activity);
        int? subscribers = subscriptions is not null && tenantId is not null ? await subscriptions.CountAsync(tenantId, cancellationToken).ConfigureAwait(false) : null;
        return cards.Overview(organisation.DisplayName(language), stats, png, language, withoutFollowUp, subscribers);
    }

    /// <summary>
    /// Open HÖG and AKUT cases (every one has a follow-up row) that have no follow-up answer yet: open unless their
    /// escalation was closed. Null when the host keeps no follow-ups.
    /// </summary>
    private async Task<int?> OpenWithoutFollowUpAnswerAsync(string organisationKey, CancellationToken cancellationToken)
    {
        if (followUps is null)
        {
            return null;
        }

        var count = 0;
        foreach (var followUp in await followUps.ListAsync(organisationKey, cancellationToken).ConfigureAwait(false))
        {
            if (followUp.IsAnswered)
            {
                continue;
            }

            var escalation = escalations is null ? null : await escalations.GetAsync(followUp.OrganisationKey, followUp.CaseNumber, cancellationToken).ConfigureAwait(false);
            count += escalation is { IsOpen: false } ? 0 : 1;
        }

        return count;
    }
}
