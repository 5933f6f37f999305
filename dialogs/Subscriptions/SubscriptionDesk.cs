using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Subscriptions;

/// <summary>
/// "prenumerera" / "subscribe" and "avsluta prenumeration" / "unsubscribe", in the personal chat. The organisation is
/// the verified tenant's, never typed text; a new subscriber has seen the current content, so their first digest names
/// only what changes after they subscribed.
/// </summary>
public sealed class SubscriptionDesk(ISubscriptionStore store, TenantDirectory tenants, IContentVersions content, SubscriptionCards cards, TimeProvider time)
{
    public async Task<IMessageActivity> SubscribeAsync(ITurnContext turnContext, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var tenantId = ActivityTenant.Of(turnContext.Activity);
        var organisations = tenants.OrganisationsOf(tenantId);
        var personId = ReporterIds.Of(turnContext.Activity.From);
        if (tenantId is null || organisations.Count == 0 || personId.Length == 0)
        {
            return cards.Notice("subscriptions.noOrganisation", language);
        }

        var subscription = new Subscription(tenantId, personId, language.Code(), time.GetUtcNow(), DigestPlan.VersionsOf(content), content.VersionHash);
        var outcome = await store.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        var names = string.Join(", ", organisations.Select(o => o.DisplayName(language)));
        return cards.Notice(outcome == SubscribeOutcome.Added ? "subscriptions.subscribed" : "subscriptions.alreadySubscribed", language, ("organisation", names));
    }

    public async Task<IMessageActivity> UnsubscribeAsync(ITurnContext turnContext, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var tenantId = ActivityTenant.Of(turnContext.Activity);
        var personId = ReporterIds.Of(turnContext.Activity.From);
        var ended = tenantId is not null && personId.Length > 0
            && await store.UnsubscribeAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        return cards.Notice(ended ? "subscriptions.unsubscribed" : "subscriptions.notSubscribed", language);
    }
}
