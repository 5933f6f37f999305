using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.ChecklistProgress;
using SupportBot.Storage.ConversationReferences;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;
using SupportBot.Storage.ShareTargets;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>
/// "radera mina uppgifter" over HTTP through the real host on Azurite: after the confirmation the person's id, name and
/// free text appear nowhere in the tables that held them, and their case is still there for the organisation, without them.
/// </summary>
[Collection(PrivacyOnAzurite.Name)]
public sealed class ErasureOverHttpTests(PrivacyAzuriteFixture azurite)
{
    private const string Name = "Ebba Raderasdotter";
    private const string Description = "Olle Hemligsson ringde till mig hemma kl 23";
    private const string AddedText = "Han har skickat brev till min dotter";

    private TableServiceClient Tables => TableClients.FromConnectionString(azurite.ConnectionString);

    private static JsonObject From(JsonObject activity, string aad)
    {
        activity["from"] = new JsonObject { ["id"] = "29:" + aad, ["name"] = Name, ["aadObjectId"] = aad };
        return activity;
    }

    private static async Task<string> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every value of every row of a table as text (state chunks decoded), to search for what must be gone.</summary>
    private async Task<string> TableTextAsync(string table)
    {
        var text = new StringBuilder();
        var client = Tables.GetTableClient(table);
        await client.CreateIfNotExistsAsync();
        await foreach (var row in client.QueryAsync<TableEntity>())
        {
            foreach (var (key, value) in row)
            {
                text.Append(key).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task Erasure_Confirmed_RemovesStateReferenceAndChecklistsAndPseudonymisesTheCases()
    {
        var aad = Guid.NewGuid().ToString();
        var organisation = "Raderingsby kommun";
        var conversation = "a:erase-" + Guid.NewGuid().ToString("N");
        var tables = Tables;
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var escalations = new EscalationRepository(tables);
        var now = DateTimeOffset.UtcNow;

        // A case with an escalation, a notice to the reporter, the reporter's added text to the adviser and a posted card.
        var record = await incidents.CreateAsync(new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, aad, Name, Urgency.Hog, new Dictionary<string, string> { ["what"] = "threat", ["organisation"] = organisation, ["description"] = Description }, now, "sv"), CancellationToken.None);
        var other = await incidents.CreateAsync(new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, "someone-else", "Kalle Kvar", Urgency.Normal, new Dictionary<string, string> { ["what"] = "online-hate", ["description"] = "Kalles text" }, now, "sv"), CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        Assert.True(await escalations.SubmitAsync(EscalationRecord.From(record, decision, now), [decision.PrimaryAdviser], CancellationToken.None));
        var escalation = (await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;

        // A follow-up answer with the reporter's note about the exposed person.
        Assert.True(await new SupportBot.Storage.FollowUps.FollowUpRepository(tables).ScheduleAsync(
            new SupportBot.Dialogs.FollowUps.FollowUpRecord(record.OrganisationKey, record.CaseNumber, aad, "sv", Urgency.Hog, now)
            {
                NextDueAt = now.AddDays(30),
                Answers = [new SupportBot.Dialogs.FollowUps.FollowUpAnswer(1, now, "worse", "unknown", true, AddedText)],
            },
            CancellationToken.None));
        Assert.True(await escalations.UpdateAsync(
            escalation with { Additions = 1 },
            [new EscalationNotice(NoticeRecipients.Adviser, decision.PrimaryAdviser, NoticeKinds.Information, "info.1", AddedText), new EscalationNotice(NoticeRecipients.Reporter, aad, NoticeKinds.Status, "status.1", "taken")],
            CancellationToken.None));
        await escalations.RecordPostAsync(new CardPost(record.OrganisationKey, record.CaseNumber, NoticeRecipients.Reporter, aad, new ConversationReference { Conversation = new ConversationAccount(id: conversation), User = new ChannelAccount("29:" + aad, Name, aadObjectId: aad) }, "1", "sv"), CancellationToken.None);
        Assert.True(await new ChecklistProgressRepository(tables).SaveAsync(new ChecklistProgress(aad, "evidence", ["ev-screenshots"], now), CancellationToken.None));
        await new ShareTargetRepository(tables).SaveAsync(aad, new ShareTarget(ShareTarget.KeyFor("19:g@thread.v2"), ShareTarget.GroupChat, "Ebbas grupp", new ConversationReference { Conversation = new ConversationAccount(id: "19:g@thread.v2"), User = new ChannelAccount("29:" + aad) }, now), CancellationToken.None);

        using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?> { ["Teams:OutboxPollSeconds"] = "300" });
        using var client = factory.CreateClient();

        // A language chosen (kept by user id), a triage begun (dialog state) and the personal chat's reference stored by the bot itself.
        await PostAsync(client, From(TeamsActivities.Message(conversation, "svenska"), aad));
        await PostAsync(client, From(TeamsActivities.Message(conversation, "rapportera"), aad));
        Assert.NotNull(await new ConversationReferenceRepository(tables, TimeProvider.System).FindAsync(aad, CancellationToken.None));
        Assert.Contains(aad, await TableTextAsync(BotFactory.StateTable), StringComparison.Ordinal);

        var confirmation = JsonNode.Parse(await PostAsync(client, From(TeamsActivities.Message(conversation, "radera mina uppgifter"), aad)))!;
        var confirm = confirmation["activities"]![0]!["attachments"]![0]!["content"]!["actions"]!.AsArray().Single(a => (string?)a!["data"]!["verb"] == ErasureDesk.Confirm)!;
        var submit = From(TeamsActivities.Message(conversation, string.Empty), aad);
        submit.Remove("text");
        submit["value"] = confirm["data"]!.DeepClone();
        var done = await PostAsync(client, submit);

        Assert.Contains("Dina uppgifter är raderade", done, StringComparison.Ordinal);
        Assert.Contains("112", done, StringComparison.Ordinal);
        foreach (var table in new[] { StoredTables.Incidents, StoredTables.Escalations, BotFactory.StateTable, StoredTables.ConversationReferences, StoredTables.ChecklistProgress, StoredTables.ShareTargets, StoredTables.ReporterCases, StoredTables.FollowUps })
        {
            var text = await TableTextAsync(table);
            foreach (var secret in new[] { aad, Name, "Raderasdotter", Description, "Hemligsson", AddedText })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{table} still holds '{secret}'");
            }
        }

        // The organisation keeps the case: its facts, without the person.
        var kept = (await incidents.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;
        Assert.Equal((Urgency.Hog, "threat", ErasedPeople.Removed, TestPseudonyms.Instance.Erased(aad)), (kept.Urgency, kept.Answers["what"], kept.ReporterName, kept.ReporterId));
        Assert.Equal(TestPseudonyms.Instance.Erased(aad), (await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!.ReporterId);
        Assert.Empty(await incidents.ListByReporterAsync(aad, CancellationToken.None));
        Assert.Equal("Kalle Kvar", (await incidents.GetAsync(other.OrganisationKey, other.CaseNumber, CancellationToken.None))!.ReporterName);

        // A second erasure finds nothing left to change.
        Assert.Equal(new ErasureResult(0, 0, 0, 0, 0, 0, 0), await new SupportBot.Bot.Privacy.PersonalDataEraser(SupportBot.Storage.StorageServiceCollectionExtensions.PersonalDataTables(tables), TestPseudonyms.Instance, Microsoft.Extensions.Logging.Abstractions.NullLogger<SupportBot.Bot.Privacy.PersonalDataEraser>.Instance).EraseAsync([aad, "29:" + aad], CancellationToken.None));
    }
}
