using Azure.Data.Tables;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Cases;

/// <summary>Cases in Table Storage on Azurite: unique numbers under concurrency, organisation partitions, reporter-only access.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class CaseRepositoryTests(AzuriteFixture azurite)
{
    private CaseRepository NewRepository(out TableServiceClient tables)
    {
        tables = TableClients.FromConnectionString(azurite.ConnectionString);
        return new CaseRepository(tables, new CaseNumberAllocator(tables));
    }

    private static NewCase Case(string organisation, string reporter, int year = 2031) => new(
        TeamsActivities.TenantId,
        TestOrganisations.KeyOf(organisation),
        organisation,
        reporter,
        "Kim Testsson",
        Urgency.Hog,
        new Dictionary<string, string> { ["what"] = "threat", ["organisation"] = organisation },
        new DateTimeOffset(year, 3, 1, 10, 0, 0, TimeSpan.Zero),
        "sv");

    [Fact]
    public async Task CreateAsync_FiftyAtOnceFromTwoInstancesForANameKeyedOrganisation_GivesTheOlderFormInSequence()
    {
        var first = NewRepository(out _);
        var second = NewRepository(out _);
        var year = 2040 + Random.Shared.Next(0, 50);

        var created = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? first : second).CreateAsync(Case("Parallella kommun", "reporter-" + i, year), CancellationToken.None)));

        var numbers = created.Select(c => c.CaseNumber).ToList();
        Assert.Equal(50, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches($"^HH-{year}-\\d{{4}}$", n));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => CaseNumberAllocator.Format(year, i)).Order(), numbers.Order());
    }

    [Fact]
    public async Task CreateAsync_FiftyAtOnceFromTwoInstancesForTwoScbCodedOrganisations_GivesDistinctNumbersPerOrganisationFromBlocks()
    {
        var first = NewRepository(out var tables);
        var second = NewRepository(out _);
        var year = 2100 + Random.Shared.Next(0, 800);
        string[] codes = ["9990", "99"]; // not in the directory: no other test saves cases under these partitions

        var created = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            (i % 2 == 0 ? first : second).CreateAsync(Case("Parallella kommun", "reporter-scb-" + i, year) with { OrganisationCode = codes[i % 4 / 2] }, CancellationToken.None)));

        foreach (var code in codes)
        {
            var numbers = created.Where(c => c.OrganisationKey == code).Select(c => c.CaseNumber).ToList();
            Assert.Equal(50, numbers.Distinct().Count());
            Assert.All(numbers, n => Assert.Matches($"^HH-{year}-{code}-\\d{{4}}$", n));
            Assert.All(numbers, n => Assert.True(CaseCommand.IsCaseNumber(n), n));

            // Each instance reserves blocks: at most two partly used blocks beyond the fifty numbers, and no national counter row.
            var counter = await tables.GetTableClient("CaseCounters").GetEntityAsync<CaseCounterEntity>(code, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(counter.Value.Next - 1, 50, 50 + (2 * CaseNumberAllocator.BlockSize));
        }

        var national = await tables.GetTableClient("CaseCounters").GetEntityIfExistsAsync<CaseCounterEntity>(CaseNumberAllocator.Prefix, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(national.HasValue);
    }

    [Fact]
    public async Task CreateAsync_Case_IsStoredInItsOrganisationsPartition()
    {
        var repository = NewRepository(out var tables);

        var record = await repository.CreateAsync(Case("Exempelby  Kommun", "reporter-partition"), CancellationToken.None);

        var entity = await tables.GetTableClient("Incidents").GetEntityAsync<CaseEntity>("exempelby-kommun", record.CaseNumber);
        Assert.Equal("Exempelby  Kommun", entity.Value.OrganisationName);
        Assert.Equal("HOG", entity.Value.Urgency);
    }

    [Fact]
    public async Task ListAndGet_OnlyTheReportersOwnCases()
    {
        var repository = NewRepository(out _);
        var mine = "reporter-" + Guid.NewGuid().ToString("N");
        var someoneElse = "reporter-" + Guid.NewGuid().ToString("N");
        var a = await repository.CreateAsync(Case("Exempelby kommun", mine), CancellationToken.None);
        var b = await repository.CreateAsync(Case("Annanstad kommun", mine), CancellationToken.None);
        var theirs = await repository.CreateAsync(Case("Exempelby kommun", someoneElse), CancellationToken.None);

        var listed = await repository.ListByReporterAsync(mine, CancellationToken.None);

        Assert.Equal([a.CaseNumber, b.CaseNumber], listed.Select(c => c.CaseNumber).Order());
        Assert.NotNull(await repository.GetForReporterAsync(mine, a.CaseNumber, CancellationToken.None));
        Assert.Null(await repository.GetForReporterAsync(mine, theirs.CaseNumber, CancellationToken.None));
        Assert.Null(await repository.GetForReporterAsync(mine, "HH-1999-0001", CancellationToken.None));
        Assert.Null(await repository.GetForReporterAsync(mine, "../../x'or'1'='1", CancellationToken.None));
        Assert.Empty(await repository.ListByReporterAsync("nobody-" + Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task GetForReporterAsync_OrganisationFormNumber_OnlyTheReporterGetsItWithoutTheIndex()
    {
        var repository = NewRepository(out var tables);
        var year = 2100 + Random.Shared.Next(0, 800);
        var mine = "reporter-direct-" + Guid.NewGuid().ToString("N");
        var record = await repository.CreateAsync(Case("Direkt kommun", mine, year) with { OrganisationCode = "9991" }, CancellationToken.None);

        // The index entry is gone (as after a partial write): the number itself says where the case is.
        await tables.GetTableClient(StoredTables.ReporterCases).DeleteEntityAsync(CaseRepository.ReporterPartition(mine), record.CaseNumber);

        Assert.Equal(record.CaseNumber, (await repository.GetForReporterAsync(mine, record.CaseNumber, CancellationToken.None))?.CaseNumber);
        Assert.Null(await repository.GetForReporterAsync("someone-else", record.CaseNumber, CancellationToken.None));
        Assert.Null(await repository.GetForReporterAsync(mine, $"HH-{year}-0180-9999", CancellationToken.None));
    }
}
