using Microsoft.Extensions.Options;

namespace SupportBot.Bot.Options;

/// <summary>
/// Refuses to start in Production without app credentials: an anonymous bot there would accept
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
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail("MicrosoftAppId is empty: the bot does not start in Production without app credentials (set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId).")
                : ValidateOptionsResult.Success;
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

/// <summary>Checks that advisers' keys are unique and office hours make sense.</summary>
internal sealed class SupportOptionsValidator : IValidateOptions<SupportOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportOptions options)
    {
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
}
