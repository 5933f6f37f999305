using Microsoft.Extensions.Options;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Bot.Options;

/// <summary>
/// Refuses to start without app credentials anywhere but Development: an anonymous bot would accept
/// unauthenticated traffic from anyone.
/// </summary>
internal sealed class BotCredentialsValidator(IHostEnvironment environment) : IValidateOptions<BotCredentialsOptions>
{
    private static readonly string[] s_appTypes = ["SingleTenant", "MultiTenant", "UserAssignedMSI"];

    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        if (!s_appTypes.Contains(options.MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"MicrosoftAppType must be one of {string.Join(", ", s_appTypes)}.");
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPasswordExpiresOn) && options.PasswordExpiresOn is null)
        {
            return ValidateOptionsResult.Fail("MicrosoftAppPasswordExpiresOn must be an ISO date such as 2027-03-31 (or 2027-03-31T10:00:00Z), or empty.");
        }

        if (options.IsAnonymous)
        {
            // Anonymous mode accepts unauthenticated requests: only a developer's own machine (Development, and the
            // endpoint then serves loopback callers only), never Staging, Test or a deployment slot.
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"MicrosoftAppId is empty: without app credentials the bot starts only in the Development environment (this is '{environment.EnvironmentName}'); set MicrosoftAppId and its credentials.");
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppClientId))
        {
            if (!Guid.TryParse(options.MicrosoftAppClientId, out _))
            {
                return ValidateOptionsResult.Fail("MicrosoftAppClientId must be the managed identity's client id (a GUID).");
            }

            if (options.IsManagedIdentityApp)
            {
                return ValidateOptionsResult.Fail("MicrosoftAppClientId is for federated credentials; it cannot be combined with MicrosoftAppType UserAssignedMSI.");
            }

            // Two credentials would leave it unclear which one the bot uses, and keep a secret alive that nobody needs.
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                return ValidateOptionsResult.Fail("Set either MicrosoftAppPassword (a secret) or MicrosoftAppClientId (federated credentials), not both.");
            }
        }

        if (options.UsesAppSecret && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            return ValidateOptionsResult.Fail("MicrosoftAppPassword is empty while MicrosoftAppId is set (or set MicrosoftAppClientId for federated credentials).");
        }

        var needsTenant = !options.MicrosoftAppType.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase);
        if (needsTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            return ValidateOptionsResult.Fail($"MicrosoftAppTenantId is required for MicrosoftAppType {options.MicrosoftAppType}.");
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>Checks that advisers' keys are unique, office hours make sense, and tenants, organisations and managers fit together.</summary>
internal sealed class SupportOptionsValidator(OrganisationDirectory organisations) : IValidateOptions<SupportOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportOptions options)
    {
        var tenants = TenantProblem(options);
        if (tenants is not null)
        {
            return ValidateOptionsResult.Fail(tenants);
        }

        var duplicate = options.Advisers.GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return ValidateOptionsResult.Fail($"Support:Advisers has the key '{duplicate.Key}' more than once.");
        }

        if (options.OfficeHours.End <= options.OfficeHours.Start)
        {
            return ValidateOptionsResult.Fail("Support:OfficeHours:End must be after Start.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.OfficeHours.TimeZone, out _))
        {
            return ValidateOptionsResult.Fail($"Support:OfficeHours:TimeZone '{options.OfficeHours.TimeZone}' is not a known time zone.");
        }

        foreach (var (code, value) in options.Deadlines)
        {
            if (code is not ("AKUT" or "HOG" or "NORMAL" or "FOREBYGGANDE"))
            {
                return ValidateOptionsResult.Fail($"Support:Deadlines:{code} is not an urgency code (AKUT, HOG, NORMAL, FOREBYGGANDE).");
            }

            if (Dialogs.Escalation.AcknowledgementDeadlines.Parse(value) is null)
            {
                return ValidateOptionsResult.Fail($"Support:Deadlines:{code} must be a time span of office time such as 00:30, or next-office-day.");
            }
        }

        return ValidateOptionsResult.Success;
    }

    /// <summary>The first problem with Support:Tenants, Support:Managers or the advisers' tenants; null when there is none.</summary>
    private string? TenantProblem(SupportOptions options)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tenant in options.Tenants)
        {
            if (!Guid.TryParse(tenant.TenantId, out _))
            {
                return $"Support:Tenants has the tenant id '{tenant.TenantId}', which is not a GUID.";
            }

            if (!seen.Add(tenant.TenantId.Trim()))
            {
                return $"Support:Tenants lists the tenant {tenant.TenantId} more than once.";
            }

            var unknown = tenant.Organisations.FirstOrDefault(code => !organisations.TryGet(code, out _));
            if (unknown is not null)
            {
                return $"Support:Tenants: the organisation code '{unknown}' of tenant {tenant.TenantId} is not a Swedish municipality or region code (SCB).";
            }
        }

        foreach (var manager in options.Managers)
        {
            var tenant = options.Tenants.FirstOrDefault(t => string.Equals(t.TenantId.Trim(), manager.TenantId.Trim(), StringComparison.OrdinalIgnoreCase));
            if (tenant is null || !tenant.Organisations.Contains(manager.Organisation.Trim(), StringComparer.Ordinal))
            {
                return $"Support:Managers: the manager {manager.AadObjectId} is for organisation '{manager.Organisation}', which is not onboarded for tenant {manager.TenantId} in Support:Tenants.";
            }
        }

        foreach (var adviser in options.Advisers)
        {
            var identified = !string.IsNullOrWhiteSpace(adviser.AadObjectId) || !string.IsNullOrWhiteSpace(adviser.TeamsUserId);
            if (identified && !Guid.TryParse(adviser.TenantId, out _))
            {
                return $"Support:Advisers: the adviser '{adviser.Key}' has a Teams identity but no TenantId (a GUID): advisers are recognised only in their own tenant.";
            }
        }

        return null;
    }
}
