using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Demo;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Overview;

/// <summary>
/// The managers' overview on Azurite: one organisation costs two partition queries whatever other organisations hold,
/// and the demo seeder gives the same, counted data every time and only once.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class OverviewRepositoryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static DemoSeeder Seeder(TableServiceClient tables, DemoOptions demo, string environment = "Development") => new(
        Microsoft.Extensions.Options.Options.Create(demo),
        new CaseRepository(tables, new CaseNumberAllocator(tables)),
        new EscalationRepository(tables),
        EscalationRouter.Default,
        Microsoft.Extensions.Options.Options.Create(new SupportOptions { Tenants = [new TenantOptions { TenantId = TeamsActivities.TenantId, Organisations = [demo.Organisation] }] }),
        SupportBot.Dialogs.Organisations.OrganisationDirectory.Load(),
        new HostingEnvironment { EnvironmentName = environment },
        new FakeTimeProvider(Now),
        NullLogger<DemoSeeder>.Instance);

    private TableServiceClient Tables(RequestCounter? counter = null)
    {
        var options = TableClients.DefaultOptions();
        if (counter is not null)
        {
            options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        }

        return new TableServiceClient(azurite.ConnectionString, options);
    }

    /// <summary>The overview's source as the host builds it: each table's query through its owning repository.</summary>
    private static OverviewSource Overview(TableServiceClient tables) =>
        new(new CaseRepository(tables, new CaseNumberAllocator(tables)), new EscalationRepository(tables));

    /// <summary>A real organisation code no other test has (the demo seeder seeds only onboarded organisations).</summary>
    private static string Unique(string name) => name.Length > 0 ? TestOrganisations.Next().Code : string.Empty;

    [Fact]
    public async Task LoadAsync_OtherOrganisationGrowsTenfold_SameTwoQueriesAndSameCounts()
    {
        var tables = Tables();
        var small = new DemoOptions { Organisation = Unique("Lillby kommun"), Incidents = 24, Months = 6 };
        var large = new DemoOptions { Organisation = Unique("Storby kommun"), Incidents = 240, Months = 6 };
        await Seeder(tables, small).SeedAsync(small, CancellationToken.None);
        var counter = new RequestCounter();
        var overview = Overview(Tables(counter));
        var since = OverviewStats.WindowStart(Now, Stockholm);
        var key = TestOrganisations.KeyOf(small.Organisation);

        await overview.LoadAsync(key, since, CancellationToken.None); // tables exist, connection warm
        counter.Reset();
        var before = await overview.LoadAsync(key, since, CancellationToken.None);
        var requestsBefore = counter.Requests;

        await Seeder(tables, large).SeedAsync(large, CancellationToken.None);
        counter.Reset();
        var after = await overview.LoadAsync(key, since, CancellationToken.None);
        var requestsAfter = counter.Requests;

        Assert.Equal(2, requestsBefore.Count);
        Assert.Equal(requestsBefore.Order(), requestsAfter.Order());
        Assert.Equal(["GET devstoreaccount1/Escalations()", "GET devstoreaccount1/Incidents()"], requestsAfter.Order());
        Assert.Equal(24, before.Cases.Count);
        Assert.Equal(8, before.Escalations.Count);
        Assert.Equal(before.Cases.Select(i => (i.CreatedAt, i.Urgency, i.What)).Order(), after.Cases.Select(i => (i.CreatedAt, i.Urgency, i.What)).Order());
        Assert.Equal(before.Escalations.Count, after.Escalations.Count);

        var largeData = await overview.LoadAsync(TestOrganisations.KeyOf(large.Organisation), since, CancellationToken.None);
        Assert.Equal(240, largeData.Cases.Count);
        Assert.Equal(80, largeData.Escalations.Count);
    }

    [Fact]
    public async Task SeedAsync_TwoOrganisationsSameOptions_SameNumbersAndSecondRunAddsNothing()
    {
        var tables = Tables();
        var first = new DemoOptions { Organisation = Unique("Demoby kommun"), Incidents = 36, Months = 6 };
        var second = new DemoOptions { Organisation = Unique("Demoby kommun"), Incidents = 36, Months = 6 };
        var overview = Overview(tables);
        var since = OverviewStats.WindowStart(Now, Stockholm);

        Assert.Equal(36, await Seeder(tables, first).SeedAsync(first, CancellationToken.None));
        Assert.Equal(36, await Seeder(tables, second).SeedAsync(second, CancellationToken.None));
        Assert.Equal(0, await Seeder(tables, first).SeedAsync(first, CancellationToken.None));

        var a = OverviewStats.From(await overview.LoadAsync(TestOrganisations.KeyOf(first.Organisation), since, CancellationToken.None), Now, Stockholm);
        var b = OverviewStats.From(await overview.LoadAsync(TestOrganisations.KeyOf(second.Organisation), since, CancellationToken.None), Now, Stockholm);
        Assert.Equal(36, a.Total);
        Assert.Equal(a.Months.Select(m => (m.Year, m.Month, m.Total)), b.Months.Select(m => (m.Year, m.Month, m.Total)));
        Assert.Equal(a.ByType, b.ByType);
        Assert.Equal(12, a.OpenEscalations + a.ClosedEscalations);
        Assert.Equal((a.OpenEscalations, a.ClosedEscalations, a.MedianAcknowledgement), (b.OpenEscalations, b.ClosedEscalations, b.MedianAcknowledgement));
        Assert.NotNull(a.MedianAcknowledgement);
        // Six months of data: the six latest months have incidents, the six before none.
        Assert.All(a.Months.Take(6), m => Assert.Equal(0, m.Total));
        Assert.Equal(36, a.Months.Skip(6).Sum(m => m.Total));
    }

    [Fact]
    public async Task StartAsync_InProduction_SeedsNothing()
    {
        var tables = Tables();
        var demo = new DemoOptions { Organisation = Unique("Prodby kommun"), Incidents = 5 };

        await Seeder(tables, demo, Environments.Production).StartAsync(CancellationToken.None);

        var data = await Overview(tables).LoadAsync(TestOrganisations.KeyOf(demo.Organisation), OverviewStats.WindowStart(Now, Stockholm), CancellationToken.None);
        Assert.Empty(data.Cases);
    }

    [Fact]
    public void OverviewRepository_ReadsOnlyCountableColumns()
    {
        // What may leave the store for the overview: no names, reporters, descriptions or notes.
        var columns = typeof(OverviewCase).GetProperties().Select(p => p.Name)
            .Concat(typeof(OverviewEscalation).GetProperties().Select(p => p.Name));

        Assert.Equal(["CreatedAt", "Urgency", "What", "EscalatedAt", "IsOpen", "AcknowledgedAt"], columns);
    }
}
