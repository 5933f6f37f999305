using Azure.Data.Tables;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage;

namespace SupportBot.Tests.Privacy;

/// <summary>Which tables erasure and retention visit, and in what order (no storage is reached: nothing is queried).</summary>
public sealed class PersonalDataTablesTests
{
    private static IReadOnlyList<string> Registered() =>
        [.. StorageServiceCollectionExtensions.PersonalDataTables(new TableServiceClient("UseDevelopmentStorage=true")).Select(t => t.TableName)];

    [Fact]
    public void AddSupportBotStorage_RegistersEveryTableWithPersonalDataOnce()
    {
        Assert.Equal(
            ["ChecklistProgress", "ConversationReferences", "Escalations", "FollowUps", "Incidents", "ProcessedActivities", "ReporterCases", "ShareTargets", "Subscriptions"],
            Registered().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddSupportBotStorage_EscalationsBeforeTheCasesTheyHold()
    {
        var order = Registered().ToList();

        Assert.True(order.IndexOf("Escalations") < order.IndexOf("Incidents"), "retention deletes a case only once no escalation holds it");
    }

    [Fact]
    public void RowCounts_Plus_AddsPerKindAndAnUncountedKindIsZero()
    {
        var sum = RowCounts.Of((RowKinds.Cases, 2), (RowKinds.Notifications, 1)).Plus(RowCounts.Of(RowKinds.Cases, 3));

        Assert.Equal((5, 1, 0), (sum[RowKinds.Cases], sum[RowKinds.Notifications], sum[RowKinds.ShareTargets]));
    }

    [Fact]
    public void ErasureResult_From_MapsEachKindToItsCount()
    {
        var counts = RowCounts.Of(
            (RowKinds.Cases, 1), (RowKinds.Escalations, 2), (RowKinds.Notifications, 3), (RowKinds.CardPosts, 4),
            (RowKinds.ChecklistRows, 5), (RowKinds.ShareTargets, 6), (RowKinds.References, 7), (RowKinds.CaseIndexRows, 8));

        Assert.Equal(new ErasureResult(1, 2, 3, 4, 5, 6, 7), ErasureResult.From(counts));
    }
}
