using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.AuditEvents;

namespace SupportBot.IntegrationTests.Audit;

/// <summary>The append-only audit log on Azurite: nothing appended is ever lost or merged, and reading is per organisation.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class AuditRepositoryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 11, 0, 0, TimeSpan.Zero);

    private AuditRepository NewRepository() => new(TableClients.FromConnectionString(azurite.ConnectionString));

    private static string Organisation() => "kommun-" + Guid.NewGuid().ToString("N")[..12];

    private static AuditEvent Event(string? organisation, DateTimeOffset at, string action = CaseCommand.Take, string actor = "safety") =>
        new(organisation, organisation is null ? null : "HH-2026-0042", action, AuditOutcomes.Accepted, null, actor, at, EscalationStatus.New, EscalationStatus.Taken);

    [Fact]
    public async Task AppendAsync_SameEventTwiceAtSameInstant_KeepsBoth()
    {
        var audit = NewRepository();
        var organisation = Organisation();
        var auditEvent = Event(organisation, Noon);

        await audit.AppendAsync(auditEvent, CancellationToken.None);
        await audit.AppendAsync(auditEvent, CancellationToken.None);

        var events = await audit.ListAsync(organisation, CancellationToken.None);
        Assert.Equal([auditEvent, auditEvent], events);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppendsAtSameInstant_KeepsEveryOne()
    {
        var organisation = Organisation();
        var appended = Enumerable.Range(0, 10).Select(i => Event(organisation, Noon, actor: "adviser-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        await Task.WhenAll(appended.Select(e => NewRepository().AppendAsync(e, CancellationToken.None)));

        var events = await NewRepository().ListAsync(organisation, CancellationToken.None);
        Assert.Equal(appended.Select(e => e.Actor).Order(StringComparer.Ordinal), events.Select(e => e.Actor).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListAsync_EventsAppendedOutOfOrder_ReturnsOldestFirstForThatOrganisationOnly()
    {
        var audit = NewRepository();
        var organisation = Organisation();
        var neighbour = Organisation();
        var first = Event(organisation, Noon.AddMinutes(-30), CaseCommand.Take);
        var second = Event(organisation, Noon.AddTicks(-1), CaseCommand.Handover);
        var third = Event(organisation, Noon, CaseCommand.Close);
        var fourth = Event(organisation, Noon.AddDays(1), CaseCommand.Reopen);

        await audit.AppendAsync(third, CancellationToken.None);
        await audit.AppendAsync(Event(neighbour, Noon.AddMinutes(-1)), CancellationToken.None);
        await audit.AppendAsync(first, CancellationToken.None);
        await audit.AppendAsync(fourth, CancellationToken.None);
        await audit.AppendAsync(second, CancellationToken.None);
        await audit.AppendAsync(Event(null, Noon.AddMinutes(-2)), CancellationToken.None);

        Assert.Equal([first, second, third, fourth], await audit.ListAsync(organisation, CancellationToken.None));
        var other = Assert.Single(await audit.ListAsync(neighbour, CancellationToken.None));
        Assert.Equal(neighbour, other.OrganisationKey);
    }

    [Fact]
    public async Task AppendAsync_NoOrganisation_GoesToDashPartitionAndReadsBackAsNull()
    {
        var audit = NewRepository();
        var actor = "user:" + Guid.NewGuid().ToString("N")[..16];
        var refused = new AuditEvent(null, null, "(unknown)", AuditOutcomes.Refused, CaseRefusals.UnknownAction, actor, Noon, null, null);

        await audit.AppendAsync(refused, CancellationToken.None);

        var events = await audit.ListAsync(AuditEntity.NoOrganisation, CancellationToken.None);
        Assert.Equal(refused, Assert.Single(events, e => e.Actor == actor));
        Assert.Equal("-", AuditEntity.NoOrganisation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task ListAsync_NoOrganisationKey_Throws(string? organisation)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => NewRepository().ListAsync(organisation!, CancellationToken.None));
    }
}
