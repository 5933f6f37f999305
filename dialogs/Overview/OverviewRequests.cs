using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Overview;

/// <summary>"översikt" / "overview": a manager's view of their own organisation; anyone else gets a polite refusal.</summary>
public sealed class OverviewRequests(ManagerDirectory managers, IOverviewSource source, IOverviewChart chart, OverviewCards cards, TriageCards triageCards, OfficeCalendar calendar, TimeProvider time, ISubscriptionStore? subscriptions = null)
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
        var tenantId = ActivityTenant.Of(turnContext.Activity);
        int? subscribers = subscriptions is not null && tenantId is not null ? await subscriptions.CountAsync(tenantId, cancellationToken).ConfigureAwait(false) : null;
        return cards.Overview(organisation.DisplayName(language), stats, png, language, subscribers);
    }
}
