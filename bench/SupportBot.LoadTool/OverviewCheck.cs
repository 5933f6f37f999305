using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Demo;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Organisations;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.LoadTool;

/// <summary>
/// The overview target: a manager's "översikt" over HTTP for one organisation, before and after other organisations
/// get ten times its data. Same storage requests and the same latency (within noise) mean the query is partition-scoped.
/// </summary>
public static class OverviewCheck
{
    public static string Organisation => LoadOrganisations.Overview;
    public const string ManagerAadObjectId = "00000000-0000-4000-8000-00000000a001";
    private const int Incidents = 24;
    private const int Neighbours = 10;
    private const int Samples = 15;

    public static async Task<OverviewResult> RunAsync(BotHost host, BotClient client, Uri serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(client);
        var seeder = new DemoSeeder(
            Options.Create(new DemoOptions()),
            host.Services.GetRequiredService<CaseRepository>(),
            host.Services.GetRequiredService<EscalationRepository>(),
            EscalationRouter.Default,
            host.Services.GetRequiredService<IOptions<SupportOptions>>(),
            host.Services.GetRequiredService<OrganisationDirectory>(),
            new HostingEnvironment { EnvironmentName = "Staging" },
            TimeProvider.System,
            NullLogger<DemoSeeder>.Instance);
        await seeder.SeedAsync(new DemoOptions { Organisation = Organisation, Incidents = Incidents, Months = 6 }, cancellationToken);
        var manager = new Participant("a:load-manager", "29:" + ManagerAadObjectId, ManagerAadObjectId, "Maria Chef");

        var before = await MeasureAsync(host, client, serviceUrl, manager, cancellationToken);
        foreach (var neighbour in LoadOrganisations.Neighbours)
        {
            await seeder.SeedAsync(new DemoOptions { Organisation = neighbour, Incidents = Incidents, Months = 6 }, cancellationToken);
        }

        var after = await MeasureAsync(host, client, serviceUrl, manager, cancellationToken);
        return new OverviewResult(Incidents, Incidents * Neighbours, before, after);
    }

    private static async Task<OverviewSample> MeasureAsync(BotHost host, BotClient client, Uri serviceUrl, Participant manager, CancellationToken cancellationToken)
    {
        // Sequential turns, one at a time: the cost of the query itself, not of contention.
        var phase = new Phase(TurnKinds.Overview, 1, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var warm = new Phase(TurnKinds.Overview, 1, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        await client.TurnAsync(warm, TurnKinds.Overview, Activities.Text(serviceUrl, manager, "översikt"), "image/png", cancellationToken);
        host.Meter.Reset();
        var bytes = 0;
        for (var i = 0; i < Samples; i++)
        {
            var body = await client.TurnAsync(phase, TurnKinds.Overview, Activities.Text(serviceUrl, manager, "översikt"), "image/png", cancellationToken);
            bytes = body?.Length ?? 0;
        }

        var storage = host.Meter.Snapshot().GetValueOrDefault(TurnKinds.Overview) ?? new StorageTally();
        var latencies = phase.SortedLatencies();
        return new OverviewSample(Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 90), storage.Mean, storage.Max, bytes, phase.Failures);
    }
}

public sealed record OverviewSample(double P50Ms, double P90Ms, double StorageRequestsMean, int StorageRequestsMax, int ResponseBytes, long Failures);

public sealed record OverviewResult(int OwnIncidents, int OtherIncidents, OverviewSample Before, OverviewSample After)
{
    /// <summary>The same storage requests, and p50 latency within 25 % (a noisy shared machine) or 5 ms.</summary>
    public bool Holds =>
        Before.Failures == 0 && After.Failures == 0
        && Before.StorageRequestsMax == After.StorageRequestsMax && Math.Abs(Before.StorageRequestsMean - After.StorageRequestsMean) < 0.01
        && (After.P50Ms <= Before.P50Ms * 1.25 || After.P50Ms - Before.P50Ms < 5);
}
