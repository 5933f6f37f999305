using System.ComponentModel.DataAnnotations;

namespace SupportBot.Bot.Options;

/// <summary>
/// Who gives support and when: SKL's advisers, the switchboard, office hours and retention. Defaults come
/// from the 2018 source letter via appsettings.json; nothing here is a literal in code.
/// </summary>
public sealed class SupportOptions
{
    public const string SectionName = "Support";

    [MinLength(1, ErrorMessage = "Support:Advisers must list at least one adviser.")]
    public List<AdviserOptions> Advisers { get; set; } = [];

    [Required]
    public SwitchboardOptions Switchboard { get; set; } = new();

    [Required]
    public OfficeHoursOptions OfficeHours { get; set; } = new();

    [Range(1, 3650, ErrorMessage = "Support:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 730;

    /// <summary>How often retention runs (it also runs at start-up): a day, shorter in tests.</summary>
    [Range(1, 10080, ErrorMessage = "Support:RetentionIntervalMinutes must be between 1 and 10080 (a week).")]
    public int RetentionIntervalMinutes { get; set; } = 1440;

    /// <summary>
    /// How long advisers have to take a new case, per urgency code (AKUT, HOG, NORMAL, FOREBYGGANDE), in office time:
    /// a time span ("00:30") or "next-office-day". Unlisted urgencies get the next office day.
    /// </summary>
    public Dictionary<string, string> Deadlines { get; set; } = [];

    /// <summary>Who may see an organisation's overview ("översikt"): managers by tenant and Entra object id, each for one organisation.</summary>
    public List<ManagerOptions> Managers { get; set; } = [];

    /// <summary>
    /// The Microsoft 365 tenants that have joined, each with the organisations (SCB codes) it reports for. The organisation
    /// of every message comes from its verified tenant; a tenant not listed here (nor an adviser's) is refused.
    /// </summary>
    public List<TenantOptions> Tenants { get; set; } = [];

    /// <summary>How often the deadline service looks for cases nobody has taken in time.</summary>
    [Range(1, 3600, ErrorMessage = "Support:DeadlineCheckSeconds must be between 1 and 3600.")]
    public int DeadlineCheckSeconds { get; set; } = 30;
}

public sealed class AdviserOptions
{
    /// <summary>A stable key used by routing rules, e.g. <c>safety</c>.</summary>
    [Required]
    public string Key { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    [Required]
    public string Title { get; set; } = string.Empty;

    public string TitleEn { get; set; } = string.Empty;

    public List<string> Topics { get; set; } = [];

    [Required]
    [EmailAddress]
    public string Email { get; set; } = string.Empty;

    [Required]
    public string Phone { get; set; } = string.Empty;

    /// <summary>The adviser's Entra ID (AAD) object id; empty until the organisation configures it.</summary>
    public string AadObjectId { get; set; } = string.Empty;

    /// <summary>Optional Teams user id (29:...), when known.</summary>
    public string TeamsUserId { get; set; } = string.Empty;

    /// <summary>The adviser's Microsoft 365 tenant (SKR's): they are recognised only when a message comes from it.</summary>
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>An onboarded Microsoft 365 tenant and the organisations (SCB kommunkod / regionkod) whose staff use it.</summary>
public sealed class TenantOptions
{
    [Required]
    public string TenantId { get; set; } = string.Empty;

    [MinLength(1, ErrorMessage = "Every entry of Support:Tenants needs at least one organisation code.")]
    public List<string> Organisations { get; set; } = [];
}

/// <summary>A manager (head of chancellery, municipal director, security manager) and the organisation whose overview they see.</summary>
public sealed class ManagerOptions
{
    [Required]
    public string AadObjectId { get; set; } = string.Empty;

    /// <summary>The manager's Microsoft 365 tenant: the overview is shown only to messages from it.</summary>
    [Required]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The organisation's SCB code (kommunkod such as 1480, regionkod such as 14), onboarded for that tenant.</summary>
    [Required]
    public string Organisation { get; set; } = string.Empty;
}

public sealed class SwitchboardOptions
{
    /// <summary>The support organisation's name as the texts show it ("SKR").</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>A former name shown in brackets where it helps recognition (SKL, the name in the 2018 letter); empty for none.</summary>
    public string FormerName { get; set; } = string.Empty;

    [Required]
    public string Phone { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;
}

public sealed class OfficeHoursOptions
{
    [Required]
    public string TimeZone { get; set; } = "Europe/Stockholm";

    [MinLength(1)]
    public List<DayOfWeek> Days { get; set; } = [];

    public TimeOnly Start { get; set; } = new(8, 0);

    public TimeOnly End { get; set; } = new(17, 0);
}
