using Microsoft.Extensions.Options;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.Bot.Demo;

/// <summary>
/// Seeds synthetic incidents (and some escalations, taken and closed) for the demo organisation at start-up, once: an
/// organisation that already has incidents is left alone. The data is made up and the same on every machine (a fixed
/// random seed), so a newcomer's overview and the end-to-end test see the same numbers. Not in Production.
/// </summary>
public sealed partial class DemoSeeder(
    IOptions<DemoOptions> options,
    CaseRepository incidents,
    EscalationRepository escalations,
    EscalationRouter router,
    IOptions<SupportOptions> support,
    OrganisationDirectory organisations,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public const string ReporterId = "demo-reporter";

    /// <summary>Kinds of incident by urgency, as the triage would have classified them.</summary>
    private static readonly (Urgency Urgency, int Weight, string[] What)[] s_mix =
    [
        (Urgency.Akut, 1, ["violence", "threat"]),
        (Urgency.Hog, 3, ["threat", "damage", "harassment"]),
        (Urgency.Normal, 5, ["online-hate", "harassment", "other"]),
        (Urgency.Forebyggande, 2, ["prevention"]),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (string.IsNullOrWhiteSpace(demo.Organisation) || environment.IsProduction())
        {
            return;
        }

        try
        {
            var created = await SeedAsync(demo, cancellationToken).ConfigureAwait(false);
            LogSeeded(logger, created);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            // Storage not reachable at start-up: the bot still starts; the demo data comes on a later start.
            LogSeedFailed(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the demo incidents unless the organisation has some; returns how many were created.</summary>
    public async Task<int> SeedAsync(DemoOptions demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        // The demo organisation is an SCB code one of the onboarded tenants reports for, as a real reporter's would be.
        var code = demo.Organisation.Trim();
        var tenant = support.Value.Tenants.FirstOrDefault(t => t.Organisations.Contains(code, StringComparer.Ordinal));
        if (tenant is null || organisations.Find(code) is not { } organisation)
        {
            LogNotOnboarded(logger);
            return 0;
        }

        if ((await incidents.ListByReporterAsync(ReporterId, cancellationToken).ConfigureAwait(false)).Any(c => c.OrganisationKey == code))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var random = new Random(2018);
        var weights = s_mix.Sum(m => m.Weight);
        for (var i = 0; i < demo.Incidents; i++)
        {
            // A random month of the period, at a random time within it (never in the future).
            var monthsAgo = random.Next(demo.Months);
            var createdAt = now.AddDays(-(monthsAgo * 30) - random.Next(0, 28)).AddMinutes(-random.Next(0, 600));
            var pick = random.Next(weights);
            var (urgency, _, whats) = s_mix.First(m => (pick -= m.Weight) < 0);
            var answers = new Dictionary<string, string>
            {
                ["danger"] = urgency == Urgency.Akut ? "yes" : "no",
                ["what"] = whats[random.Next(whats.Length)],
                ["organisation"] = code,
            };
            var record = await incidents.CreateAsync(new NewCase(tenant.TenantId, code, organisation.Name, ReporterId, "Demo", urgency, answers, createdAt, "sv"), cancellationToken).ConfigureAwait(false);
            if (i % 3 == 0)
            {
                await EscalateAsync(record, createdAt.AddMinutes(20), random, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return demo.Incidents;
    }

    /// <summary>A past escalation: taken after a while and, unless recent, closed. No notification is queued.</summary>
    private async Task EscalateAsync(CaseRecord record, DateTimeOffset escalatedAt, Random random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decision = router.Route(new TriageAnswers(record.Answers), record.Urgency);
        var acknowledgedAt = escalatedAt.AddMinutes(random.Next(10, 240));
        var closed = now - escalatedAt > TimeSpan.FromDays(14);
        var escalation = EscalationRecord.From(record, decision, escalatedAt) with
        {
            Status = closed ? EscalationStatus.Closed : EscalationStatus.Taken,
            AssignedAdviser = decision.PrimaryAdviser,
            AcknowledgedAt = acknowledgedAt,
            ChangedAt = acknowledgedAt,
            ClosingNote = closed ? "Demo" : null,
            Version = closed ? 3 : 2,
        };
        await escalations.SubmitAsync(escalation, [], cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Demo data: {Count} synthetic incidents created")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Demo data not created: Demo:Organisation is not an organisation code of Support:Tenants")]
    private static partial void LogNotOnboarded(ILogger logger);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Demo data not created ({ErrorType}); it is tried again on the next start")]
    private static partial void LogSeedFailed(ILogger logger, string errorType);
}
