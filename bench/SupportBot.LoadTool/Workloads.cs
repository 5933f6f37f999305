using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Triage;

namespace SupportBot.LoadTool;

/// <summary>The turn kinds the tool reports (the X-Load-Turn header's values).</summary>
public static class TurnKinds
{
    /// <summary>"rapportera" from someone who has reported before in the same personal chat: the first question.</summary>
    public const string Start = "triage-start";

    /// <summary>"rapportera" in a person's first conversation with the bot: the first question, and how to reach them is stored.</summary>
    public const string FirstStart = "triage-start-first";

    /// <summary>An answer, clicked or typed, answered by the next question.</summary>
    public const string Question = "triage-question";

    /// <summary>The last answer: the case is saved and the guidance card comes back.</summary>
    public const string Complete = "triage-complete";

    /// <summary>"Be SKR:s rådgivare om råd": the escalation and its notifications in one transaction, the reporter's card remembered.</summary>
    public const string Escalate = "escalate";

    /// <summary>An adviser's "Jag tar detta" (Action.Execute invoke): the case changes and the reporter is notified.</summary>
    public const string Take = "adviser-take";

    public const string Echo = "echo";
    public const string Storage = "storage-read-replace";
    public const string Overview = "overview";
}

/// <summary>
/// Whole conversations as staff members and an adviser have them, one turn after the other with no think time. Each
/// worker plays staff members who report again and again in their own personal chat, as in Teams, where a person's
/// chat with the bot is one conversation for good; a person's first conversation is their first contact with the bot
/// (<see cref="TurnKinds.FirstStart"/>; one in <see cref="ConversationsPerPerson"/>). One conversation:
/// "rapportera", ten clicked answers, the organisation clicked (the load tenant has twenty), the role clicked, how the
/// person is doing and their consent, the description skipped (the case is saved, the guidance card shown), "Be SKR:s
/// rådgivare om råd", and the adviser taking the case from their card.
/// </summary>
public sealed partial class TriageConversation(BotClient client, Uri serviceUrl, string adviserAadObjectId, string runId)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";

    private static readonly (string Step, string Value)[] s_clicks =
    [
        ("danger", "no"), ("what", "threat"), ("channel", "social-media"), ("targets", "official"), ("markers", "none"),
        ("repeated", "no"), ("reported", "no"), ("role", "yes"), ("when", "yesterday"),
    ];

    /// <summary>Twenty organisations of the load tenant, so that cases spread over partitions as they would across municipalities.</summary>
    private static readonly string[] s_organisations = [.. LoadOrganisations.Workload];

    private static long s_conversations;
    private static long s_people;

    /// <summary>
    /// A worker hands over to a new person after this many conversations, so one conversation in ten is someone's first
    /// contact. Conservative: an organisation's few reporters (security officer, secretaries) report tens of cases a
    /// year each in the same chat.
    /// </summary>
    public const int ConversationsPerPerson = 10;

    public static int TurnsPerConversation => 1 + s_clicks.Length + 3 + 2;

    /// <summary>Conversations until the phase is over.</summary>
    public async Task RunAsync(int worker, Phase phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var adviser = new Participant($"a:load-{runId}-adviser-{worker}", "29:" + adviserAadObjectId, adviserAadObjectId, "Greta Berg");
        Participant? person = null;
        for (var n = 0; !phase.IsOver; n++)
        {
            // Workers hand over at different conversations, so that first contacts spread over the measured window.
            var first = person is null || (n + worker) % ConversationsPerPerson == 0;
            person = first || person is null ? NewPerson() : person;
            await OneAsync(adviser, person, first, phase, afterQuestion: null, cancellationToken);
        }
    }

    /// <summary>A staff member who has not talked to the bot yet, in their own personal chat.</summary>
    public Participant NewPerson()
    {
        var n = Interlocked.Increment(ref s_people);
        var aad = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:x12}");
        return new Participant($"a:load-{runId}-{n}", "29:load-" + aad, aad, "Kim Testsson");
    }

    /// <summary>
    /// One conversation of <paramref name="person"/> (<paramref name="first"/>: their first contact with the bot);
    /// <paramref name="afterQuestion"/> runs after each answered question (the warm-up measures state there).
    /// </summary>
    public async Task<bool> OneAsync(Participant adviser, Participant person, bool first, Phase phase, Func<Participant, Task>? afterQuestion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adviser);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(phase);
        var n = Interlocked.Increment(ref s_conversations);
        var organisation = s_organisations[n % s_organisations.Length];

        if (await client.TurnAsync(phase, first ? TurnKinds.FirstStart : TurnKinds.Start, Activities.Text(serviceUrl, person, "rapportera"), CardType, cancellationToken) is null)
        {
            return false;
        }

        var answers = s_clicks.Select(c => Activities.Submit(serviceUrl, person, ("verb", "answer"), ("step", c.Step), ("value", c.Value)))
            .Append(Activities.Submit(serviceUrl, person, ("verb", "answer"), ("step", "organisation"), ("value", organisation)))
            .Append(Activities.Submit(serviceUrl, person, ("verb", "answer"), ("step", "reporter-role"), ("value", "security-officer")))
            .Append(Activities.Submit(serviceUrl, person, ("verb", "answer"), ("step", "wellbeing"), ("value", "worried")))
            .Append(Activities.Submit(serviceUrl, person, ("verb", "answer"), ("step", "consent"), ("value", "yes")));
        foreach (var answer in answers)
        {
            if (phase.IsOver || await client.TurnAsync(phase, TurnKinds.Question, answer, CardType, cancellationToken) is null)
            {
                return false;
            }

            if (afterQuestion is not null)
            {
                await afterQuestion(person);
            }
        }

        var skipDescription = Activities.Submit(serviceUrl, person, ("verb", "answer"), ("step", "description"), ("value", string.Empty));
        if (await client.TurnAsync(phase, TurnKinds.Complete, skipDescription, "HH-", cancellationToken) is not { } guidance)
        {
            return false;
        }

        var caseNumber = CaseNumber().Match(Encoding.UTF8.GetString(guidance)).Value;
        var escalate = Activities.Submit(serviceUrl, person, ("verb", "escalate"), ("value", caseNumber));
        if (phase.IsOver || await client.TurnAsync(phase, TurnKinds.Escalate, escalate, CardType, cancellationToken) is null)
        {
            return false;
        }

        var take = Activities.Execute(serviceUrl, adviser, "case.take", organisation, caseNumber, 1);
        if (phase.IsOver || await client.TurnAsync(phase, TurnKinds.Take, take, "Taget av", cancellationToken) is null)
        {
            return false;
        }

        phase.ConversationDone(Stopwatch.GetTimestamp());
        return true;
    }

    [GeneratedRegex(@"HH-\d{4}(?:-\d{2}|-\d{4})?-\d{4,}")]
    private static partial Regex CaseNumber();
}

/// <summary>The SDK floor's conversation: the same activity shape, typed text, echoed back, over and over.</summary>
public sealed class EchoConversation(BotClient client, Uri serviceUrl, string runId)
{
    public async Task RunAsync(int worker, Phase phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var person = new Participant($"a:echo-{runId}-{phase.Concurrency}-{worker}", "29:echo-" + worker, Guid.NewGuid().ToString(), "Kim Testsson");
        while (!phase.IsOver)
        {
            await client.TurnAsync(phase, TurnKinds.Echo, Activities.Text(serviceUrl, person, "hej"), "echo ", cancellationToken);
        }
    }
}

/// <summary>
/// The storage floor: what one stateful turn needs from Table Storage at the least — a point read and an ETag-guarded
/// replace of an entity laid out as the bot's state (a key and the JSON as binary) and of the size the bot's
/// conversation state has mid-triage — straight through Azure.Data.Tables, no bot, no HTTP to a bot.
/// </summary>
public sealed class StorageFloor(TableServiceClient tables, int stateBytes, string runId)
{
    public const string TableName = "LoadFloor";

    public async Task RunAsync(int worker, Phase phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var table = tables.GetTableClient(TableName);
        var partitionKey = $"floor-{runId}-{phase.Concurrency}-{worker}";
        var payload = new byte[stateBytes];
        Random.Shared.NextBytes(payload);
        await table.UpsertEntityAsync(new TableEntity(partitionKey, string.Empty) { ["Key"] = partitionKey, ["D00"] = payload }, TableUpdateMode.Replace, cancellationToken);
        while (!phase.IsOver)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                var entity = (await table.GetEntityAsync<TableEntity>(partitionKey, string.Empty, cancellationToken: cancellationToken)).Value;
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                phase.Record(TurnKinds.Storage, start, Stopwatch.GetTimestamp(), ok: true);
            }
            catch (RequestFailedException ex)
            {
                phase.Record(TurnKinds.Storage, start, Stopwatch.GetTimestamp(), ok: false, ex.Status.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}

/// <summary>
/// The load tenant's organisations (real SCB codes, as the tenant directory requires): twenty for the conversations,
/// one for the managers' overview and ten neighbours that get ten times its data.
/// </summary>
public static class LoadOrganisations
{
    private static readonly string[] s_codes = [.. SupportBot.Dialogs.Organisations.OrganisationDirectory.Load().All
        .Where(o => o.Kind == SupportBot.Dialogs.Organisations.OrganisationKind.Municipality).Take(31).Select(o => o.Code)];

    public static IEnumerable<string> All => s_codes;

    public static IEnumerable<string> Workload => s_codes.Take(20);

    public static string Overview => s_codes[20];

    public static IEnumerable<string> Neighbours => s_codes.Skip(21);
}
