using Microsoft.Bot.Builder;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Organisations;

/// <summary>
/// The triage's organisation question: the organisations the message's verified tenant reports for, as buttons.
/// One organisation is answered without asking; nothing typed can name another organisation.
/// </summary>
public sealed class OrganisationChoices(TenantDirectory tenants) : IStepChoiceSource
{
    public StepKind Kind => StepKind.Organisation;

    public IReadOnlyList<ChoiceDefinition> ChoicesFor(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return tenants.OrganisationsOf(ActivityTenant.Of(turnContext.Activity))
            .Select(o => new ChoiceDefinition
            {
                Id = o.Code,
                Label = new LocalizedText { Sv = o.Name, En = o.DisplayName(UserLanguage.English) },
                Keywords = [o.Name, .. o.Aliases],
            })
            .ToList();
    }
}
