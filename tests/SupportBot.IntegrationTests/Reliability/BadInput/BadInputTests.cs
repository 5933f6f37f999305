using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Reliability.BadInput;

/// <summary>
/// Runs every case of the bad-input corpus (<c>BadInput/*.json</c>) against the real host on Azurite: each request must
/// be answered with a 4xx or a clear answer (never a 5xx), free text must be inert on every card that shows it, nothing
/// may be stored half, and nothing of another organisation's case may be shown.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed partial class BadInputTests(AzuriteFixture azurite, BadInputHost host) : IClassFixture<BadInputHost>
{
    public static TheoryData<string> CaseIds() => BadInputCorpus.Ids();

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task BadInput_CorpusCase_AnsweredClearlyNever500(string id)
    {
        var client = host.Client(azurite.ConnectionString);
        var run = new Run(BadInputCorpus.Cases[id], host.Tenancy(id), client, TableClients.FromConnectionString(azurite.ConnectionString));
        try
        {
            await run.ExecuteAsync();
        }
        finally
        {
            host.Record(new BadInputOutcome(id, run.Saw5xx, run.SawOtherOrganisation));
        }
    }

    [Fact]
    public void Corpus_HasAtLeastFiftyCasesCoveringEveryCategory()
    {
        Assert.True(BadInputCorpus.Cases.Count >= 50, $"{BadInputCorpus.Cases.Count} cases");
        var categories = BadInputCorpus.Cases.Values.Select(c => c.Category).ToHashSet();
        Assert.Superset(new HashSet<string> { "http", "activity", "text", "injection", "submit", "invoke", "tenant" }, categories);
        Assert.Contains(BadInputCorpus.Cases.Values, c => c.IsCrossOrganisation);
        Assert.Contains(BadInputCorpus.Cases.Values, c => c.Organisations > 1);
        Assert.Contains(BadInputCorpus.Cases.Values, c => c.NothingStored);
    }

    /// <summary>One case: its placeholders, the people in it, and what its requests were answered.</summary>
    private sealed class Run(BadInputCase testCase, BadInputTenancy tenancy, HttpClient client, TableServiceClient tables)
    {
        /// <summary>
        /// The default answer to each triage question, clicked as the card's button sends it. The organisation is asked
        /// only when the case's tenant has several (its first is clicked); with one, the bot answers it itself.
        /// </summary>
        private static readonly (string Step, string Value)[] s_triage =
        [
            ("danger", "no"), ("what", "threat"), ("channel", "email"), ("targets", "official"), ("markers", "weapons"),
            ("repeated", "no"), ("reported", "no"), ("role", "yes"), ("when", "yesterday"),
            ("organisation", "{{orgCode}}"), ("reporter-role", "security-officer"), ("wellbeing", "worried"), ("consent", "yes"), ("description", ""),
        ];

        private static readonly string[] s_otherOrganisationDetails = ["other.org", "other.secret", "other.case"];

        private static readonly string[] s_typedSteps = ["organisation", "description"];

        /// <summary>The answers every finished triage stores (the "what" branch for prevention skips some others).</summary>
        private static readonly string[] s_requiredAnswers = ["danger", "what", "when", "organisation", "reporter-role"];

        private readonly Dictionary<string, string> _vars = new(StringComparer.Ordinal);
        private readonly string _conversation = "a:bad-" + Guid.NewGuid().ToString("N");
        private readonly JsonObject _user = new() { ["id"] = "29:bad-" + Guid.NewGuid().ToString("N"), ["name"] = "Kim Testsson", ["aadObjectId"] = Guid.NewGuid().ToString() };
        private readonly List<string> _allReplyText = [];
        private (string Key, string Case, Azure.ETag Escalation, Azure.ETag CaseETag)? _other;

        public bool Saw5xx { get; private set; }

        public bool SawOtherOrganisation { get; private set; }

        public async Task ExecuteAsync()
        {
            var own = tenancy.Own.Organisations;
            _vars["tenant"] = tenancy.Own.TenantId;
            (_vars["org"], _vars["orgCode"]) = (own[0].Name, own[0].Code);
            if (own.Count > 1)
            {
                (_vars["org2"], _vars["org2Code"]) = (own[1].Name, own[1].Code);
            }

            // A tenant nobody onboarded, for cases that write from one (or claim one half-way).
            _vars["stranger"] = Guid.NewGuid().ToString();
            _vars["adviserTenant"] = TeamsActivities.AdviserTenantId;
            foreach (var given in testCase.Given)
            {
                await GivenAsync(given);
            }

            for (var i = 0; i < testCase.Steps.Count; i++)
            {
                var step = (JsonObject)Substitute(testCase.Steps[i])!;
                var label = $"{testCase.Id} step {i + 1}";
                var answer = step["triage"] is JsonObject triage ? await TriageAsync(triage, label) : await SendAsync(step, label);
                if (step["expect"] is JsonObject expect)
                {
                    Check(expect, answer, label);
                }
            }

            if (_other is { } other)
            {
                CheckNothingOfTheOtherOrganisationShown();
                var escalation = await EscalationsTable.GetEntityAsync<TableEntity>(other.Key, EscalationEntity.RowPrefix + other.Case);
                var incident = await CasesTable.GetEntityAsync<TableEntity>(other.Key, other.Case);
                Assert.True(escalation.Value.ETag == other.Escalation, $"{testCase.Id}: the other organisation's escalation was changed");
                Assert.True(incident.Value.ETag == other.CaseETag, $"{testCase.Id}: the other organisation's case was changed");
            }

            foreach (var expected in testCase.Stored ?? [])
            {
                await CheckStoredAsync((JsonObject)Substitute(expected)!);
            }

            if (testCase.NothingStored)
            {
                await CheckNothingStoredAsync();
            }
        }

        private TableClient CasesTable => tables.GetTableClient(StoredTables.Incidents);

        private TableClient EscalationsTable => tables.GetTableClient(StoredTables.Escalations);

        // ---- given ----------------------------------------------------------------------------------------------

        private async Task GivenAsync(string given)
        {
            switch (given)
            {
                case "ownCase":
                    // The test user's own escalated case in the test's organisation.
                    var own = await EscalateAsync(tenancy.Own.TenantId, tenancy.Own.Organisations[0], _user["aadObjectId"]!.GetValue<string>(), "Min egen beskrivning");
                    _vars["own.case"] = own.CaseNumber;
                    _vars["own.orgCode"] = own.OrganisationKey;
                    break;
                case "otherCase":
                    // Somebody else's case in another onboarded tenant's organisation, with details that must never be shown to the test user.
                    var otherTenant = tenancy.Other ?? throw new InvalidDataException($"{testCase.Id}: no other tenant onboarded");
                    _vars["other.tenant"] = otherTenant.TenantId;
                    _vars["other.org"] = otherTenant.Organisations[0].Name;
                    _vars["other.secret"] = "Hemlig uppgift " + Guid.NewGuid().ToString("N")[..8];
                    var other = await EscalateAsync(otherTenant.TenantId, otherTenant.Organisations[0], Guid.NewGuid().ToString(), _vars["other.secret"]);
                    _vars["other.case"] = other.CaseNumber;
                    _vars["other.orgCode"] = other.OrganisationKey;
                    var escalation = await EscalationsTable.GetEntityAsync<TableEntity>(other.OrganisationKey, EscalationEntity.RowPrefix + other.CaseNumber);
                    var incident = await CasesTable.GetEntityAsync<TableEntity>(other.OrganisationKey, other.CaseNumber);
                    _other = (other.OrganisationKey, other.CaseNumber, escalation.Value.ETag, incident.Value.ETag);
                    break;
                default:
                    throw new InvalidDataException($"{testCase.Id}: unknown 'given' {given}");
            }
        }

        /// <summary>A HÖG case escalated straight into storage (as AdaptiveCardActionHttpTests does), no notifications queued.</summary>
        private async Task<CaseRecord> EscalateAsync(string tenantId, Organisation organisation, string reporterId, string description)
        {
            var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
            var now = DateTimeOffset.UtcNow;
            var answers = new Dictionary<string, string>
            {
                ["danger"] = "no", ["what"] = "threat", ["markers"] = "weapons", ["channel"] = "email", ["when"] = "yesterday",
                ["organisation"] = organisation.Code, ["reporter-role"] = "security-officer", ["description"] = description,
            };
            var record = await incidents.CreateAsync(new NewCase(tenantId, organisation.Code, organisation.Name, reporterId, "Karin Ek", Urgency.Hog, answers, now, "sv"), CancellationToken.None);
            var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
            Assert.True(await new EscalationRepository(tables).SubmitAsync(EscalationRecord.From(record, decision, now), [], CancellationToken.None));
            return record;
        }

        // ---- requests -------------------------------------------------------------------------------------------

        private async Task<Answer> TriageAsync(JsonObject triage, string label)
        {
            // A tenant with one organisation is never asked which: that question is not driven (nor clickable in order).
            var steps = s_triage.Where(t => t.Step != "organisation" || testCase.Organisations > 1).ToArray();
            var names = steps.Select(t => t.Step).ToList();
            var from = triage["from"]?.GetValue<string>();
            var to = triage["to"]?.GetValue<string>();
            var answers = triage["answers"] as JsonObject;
            var first = from is null ? 0 : names.IndexOf(from);
            var last = to is null ? names.Count : names.IndexOf(to);
            Assert.True(first >= 0 && last >= 0, $"{label}: unknown triage step");

            var answer = from is null ? await SendAsync(new JsonObject { ["message"] = "rapportera" }, label) : null;
            for (var i = first; i < last; i++)
            {
                var (step, value) = steps[i];
                var given = answers?[step]?.GetValue<string>();
                var request = given is not null && s_typedSteps.Contains(step)
                    ? new JsonObject { ["message"] = given }
                    : new JsonObject { ["submit"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = Substitute(JsonValue.Create(given ?? value)) } };
                answer = await SendAsync(request, $"{label} ({step})");
                Assert.True(answer.Status == 200, $"{label} ({step}): HTTP {answer.Status}");
            }

            // The guidance card names the new case: later steps can use {{case}} and {{caseOrgCode}}.
            if (last == names.Count && answer is not null
                && answer.Replies.SelectMany(Strings).Select(s => CaseNumberPattern().Match(s)).FirstOrDefault(m => m.Success) is { } match)
            {
                _vars["case"] = match.Value;
                await foreach (var row in CasesTable.QueryAsync<TableEntity>(e => e.RowKey == match.Value, select: ["PartitionKey"]))
                {
                    _vars["caseOrgCode"] = row.PartitionKey;
                }
            }

            return answer!;
        }

        private async Task<Answer> SendAsync(JsonObject step, string label)
        {
            using var content = Content(step);
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            JsonNode? json = null;
            try
            {
                json = body.Length == 0 ? null : JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                // A 4xx may come with a text body; checked as text below.
            }

            var replies = json?["activities"] is JsonArray activities ? activities.Where(a => a is not null).Select(a => a!).ToList()
                : json is JsonObject ? [json]
                : [];
            var invokeStatus = json is JsonObject obj && obj["activities"] is null && obj["statusCode"] is JsonValue code && code.TryGetValue(out int value) ? value : (int?)null;
            var answer = new Answer(status, invokeStatus, body, replies);
            _allReplyText.AddRange(replies.SelectMany(Strings));

            if (status >= 500 || invokeStatus >= 500)
            {
                Saw5xx = true;
            }

            Assert.True(status < 500, $"{label}: HTTP {status} {Shorten(body)}");
            Assert.True(invokeStatus is null or < 500, $"{label}: invoke answered {invokeStatus} {Shorten(body)}");
            return answer;
        }

        /// <summary>The request body of a step: raw text, or a Teams activity (typed message, card submit or invoke) with a patch.</summary>
        private StringContent Content(JsonObject step)
        {
            if (step.ContainsKey("raw"))
            {
                var raw = step["raw"]!.GetValue<string>() + Repeat(step);
                var rawContent = new StringContent(raw, Encoding.UTF8);
                rawContent.Headers.ContentType = step["contentType"] is JsonValue type ? MediaTypeHeaderValue.Parse(type.GetValue<string>()) : null;
                return rawContent;
            }

            var activity = TeamsActivities.Message(_conversation, string.Empty, step["locale"]?.GetValue<string>() ?? "sv-SE");
            var from = step["from"]?.GetValue<string>() ?? "user";
            activity["from"] = From(from);

            // Teams states the sender's tenant twice: the case's own tenant for its user, SKR's for the advisers.
            var tenant = from == "user" ? tenancy.Own.TenantId : TeamsActivities.AdviserTenantId;
            activity["conversation"]!["tenantId"] = tenant;
            activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };
            if (step["message"] is JsonNode message)
            {
                activity["text"] = message.GetValue<string>() + Repeat(step);
            }
            else if (step.ContainsKey("submit"))
            {
                activity.Remove("text");
                activity["value"] = step["submit"]?.DeepClone();
            }
            else if (step.ContainsKey("invoke"))
            {
                // As Teams sends Action.Execute: the answer is the HTTP response itself.
                activity.Remove("text");
                activity.Remove("textFormat");
                activity.Remove("deliveryMode");
                activity["type"] = "invoke";
                activity["name"] = step["name"]?.GetValue<string>() ?? "adaptiveCard/action";
                activity["value"] = step["invoke"]?.DeepClone();
            }

            if (step["patch"] is JsonObject patch)
            {
                MergePatch(activity, patch);
            }

            var json = activity.ToJsonString();
            var contentType = step["contentType"]?.GetValue<string>() ?? "application/json";
            var result = new StringContent(json, Encoding.UTF8);
            result.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return result;
        }

        private static string Repeat(JsonObject step) =>
            step["repeat"] is JsonObject repeat
                ? string.Concat(Enumerable.Repeat(repeat["text"]!.GetValue<string>(), repeat["count"]!.GetValue<int>()))
                : string.Empty;

        private JsonObject From(string who) => who switch
        {
            "user" => (JsonObject)_user.DeepClone(),
            "adviser" => new JsonObject { ["id"] = "29:" + BadInputHost.SafetyAdviserAad, ["name"] = "Greta Berg", ["aadObjectId"] = BadInputHost.SafetyAdviserAad },
            "adviser2" => new JsonObject { ["id"] = "29:" + BadInputHost.ThreatsAdviserAad, ["name"] = "Olle Ström", ["aadObjectId"] = BadInputHost.ThreatsAdviserAad },
            _ => throw new InvalidDataException($"{testCase.Id}: unknown 'from' {who}"),
        };

        /// <summary>RFC 7386: objects merge, <c>null</c> removes the property, anything else replaces it.</summary>
        private static void MergePatch(JsonObject target, JsonObject patch)
        {
            foreach (var (key, value) in patch)
            {
                if (value is null)
                {
                    target.Remove(key);
                }
                else if (value is JsonObject child && target[key] is JsonObject existing)
                {
                    MergePatch(existing, child);
                }
                else
                {
                    target[key] = value.DeepClone();
                }
            }
        }

        private JsonNode? Substitute(JsonNode? node) => node switch
        {
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Substitute(p.Value)))),
            JsonArray arr => new JsonArray(arr.Select(Substitute).ToArray()),
            JsonValue v when v.TryGetValue(out string? s) => JsonValue.Create(PlaceholderPattern().Replace(s, m =>
                _vars.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidDataException($"{testCase.Id}: no value for {m.Value} here"))),
            null => null,
            _ => node.DeepClone(),
        };

        // ---- expectations ---------------------------------------------------------------------------------------

        private static void Check(JsonObject expect, Answer answer, string label)
        {
            var text = string.Join("\n", answer.Replies.SelectMany(Strings));
            if (expect["status"] is JsonValue status)
            {
                var ok = status.TryGetValue(out int exact) ? answer.Status == exact : status.GetValue<string>() switch
                {
                    "2xx" => answer.Status is >= 200 and < 300,
                    "4xx" => answer.Status is >= 400 and < 500,
                    var other => throw new InvalidDataException($"{label}: status '{other}'"),
                };
                Assert.True(ok, $"{label}: expected {status.ToJsonString()}, got HTTP {answer.Status} {Shorten(answer.Body)}");
            }

            if (expect["invokeStatus"] is JsonValue invokeStatus)
            {
                Assert.True(answer.InvokeStatus == invokeStatus.GetValue<int>(), $"{label}: expected invoke status {invokeStatus}, got {answer.InvokeStatus} {Shorten(answer.Body)}");
            }

            if (expect["replies"] is JsonValue replies)
            {
                Assert.True(answer.Replies.Count == replies.GetValue<int>(), $"{label}: expected {replies} replies, got {answer.Replies.Count}: {Shorten(text)}");
            }

            if (expect["replyContainsAny"] is JsonArray any)
            {
                var options = any.Select(a => a!.GetValue<string>()).ToList();
                Assert.True(options.Any(o => text.Contains(o, StringComparison.Ordinal)), $"{label}: the answer contains none of [{string.Join(" | ", options)}]: {Shorten(text)}");
            }

            foreach (var required in (expect["replyContainsAll"] as JsonArray ?? []).Select(n => n!.GetValue<string>()))
            {
                Assert.True(text.Contains(required, StringComparison.Ordinal), $"{label}: the answer does not contain '{required}': {Shorten(text)}");
            }

            foreach (var forbidden in (expect["replyContainsNone"] as JsonArray ?? []).Select(n => n!.GetValue<string>()))
            {
                Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{label}: the answer contains '{forbidden}': {Shorten(text)}");
            }

            foreach (var payload in (expect["inert"] as JsonArray ?? []).Select(n => n!.GetValue<string>()))
            {
                CheckInert(payload, answer.Replies, label);
            }
        }

        /// <summary>
        /// User text is inert on a card when every character that markdown gives a meaning is backslash-escaped wherever the
        /// text is shown, invisible and direction-changing characters are gone, and no card property links to a URL from it.
        /// The text must be shown at least once (else a case could pass by showing nothing).
        /// </summary>
        private static void CheckInert(string payload, IReadOnlyList<JsonNode> replies, string label)
        {
            var strings = replies.SelectMany(Strings).ToList();
            // Addresses are shown defanged (example[.]com), so that is the form to look for.
            var defanged = SupportBot.Cards.CardText.Defang(payload);
            var (loose, strict) = (Pattern(defanged, strict: false), Pattern(defanged, strict: true));
            var shown = 0;
            foreach (var s in strings)
            {
                foreach (Match match in loose.Matches(s))
                {
                    Assert.True(strict.IsMatch(match.Value),
                        $"{label}: '{payload}' is shown with live markdown: {Shorten(s)}");
                    shown++;
                }
            }

            Assert.True(shown > 0, $"{label}: '{payload}' is not shown (inert) on any card: {Shorten(string.Join("\n", strings))}");
            foreach (Match url in UrlPattern().Matches(payload))
            {
                Assert.DoesNotContain(replies.SelectMany(UrlProperties), u => u.Contains(url.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
            }
        }

        private const string MarkdownSpecial = "\\[]()*_#`><~|!-+";

        /// <summary>The payload as a regex: markdown characters escaped (strict) or optionally escaped (loose); whitespace runs as \s+; invisible characters dropped.</summary>
        private static Regex Pattern(string payload, bool strict)
        {
            var sb = new StringBuilder(strict ? "^" : string.Empty);
            var inSpace = false;
            foreach (var c in payload.Trim())
            {
                if (char.IsWhiteSpace(c))
                {
                    if (!inSpace)
                    {
                        sb.Append(@"\s+");
                    }

                    inSpace = true;
                    continue;
                }

                inSpace = false;
                if (IsInvisible(c))
                {
                    continue;
                }

                if (MarkdownSpecial.Contains(c, StringComparison.Ordinal))
                {
                    sb.Append(strict ? @"\\" : @"\\?");
                }

                sb.Append(Regex.Escape(c.ToString()));
            }

            return new Regex(sb.Append(strict ? "$" : string.Empty).ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }

        private static bool IsInvisible(char c) =>
            char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;

        private void CheckNothingOfTheOtherOrganisationShown()
        {
            var text = string.Join("\n", _allReplyText);
            var leaked = s_otherOrganisationDetails.Select(k => _vars[k]).Where(v => text.Contains(v, StringComparison.Ordinal)).ToList();
            SawOtherOrganisation = leaked.Count > 0;
            Assert.True(leaked.Count == 0, $"{testCase.Id}: another organisation's {string.Join(", ", leaked)} was shown: {Shorten(text)}");
        }

        /// <summary>
        /// <c>{"organisation": SCB code, "incidents": n, "escalations": n}</c>: the organisation's partitions hold exactly
        /// that many cases and escalations, every case has the answers a finished triage gives and the tenant and
        /// directory name of the organisation it is filed under, every escalation its case.
        /// </summary>
        private async Task CheckStoredAsync(JsonObject expected)
        {
            var organisation = expected["organisation"]!.GetValue<string>();
            var key = organisation;
            var incidents = new List<TableEntity>();
            await foreach (var row in CasesTable.QueryAsync<TableEntity>(e => e.PartitionKey == key))
            {
                incidents.Add(row);
            }

            var escalations = new List<TableEntity>();
            await foreach (var row in EscalationsTable.QueryAsync<TableEntity>(e => e.PartitionKey == key))
            {
                if (row.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal))
                {
                    escalations.Add(row);
                }
            }

            Assert.True(incidents.Count == expected["incidents"]!.GetValue<int>(), $"{testCase.Id}: {incidents.Count} cases stored for '{organisation}'");
            Assert.True(escalations.Count == (expected["escalations"]?.GetValue<int>() ?? 0), $"{testCase.Id}: {escalations.Count} escalations stored for '{organisation}'");
            foreach (var incident in incidents)
            {
                var answers = JsonNode.Parse(incident.GetString(nameof(CaseEntity.AnswersJson)) ?? "{}")!.AsObject();
                foreach (var required in s_requiredAnswers)
                {
                    Assert.True(answers.ContainsKey(required), $"{testCase.Id}: case {incident.RowKey} stored without its '{required}' answer");
                }

                Assert.Equal(key, incident.GetString(nameof(CaseEntity.OrganisationCode)));
                if (tenancy.Own.Organisations.FirstOrDefault(o => o.Code == key) is { } own)
                {
                    // Filed by the case's user: under their verified tenant, with the directory's name, never typed text.
                    Assert.Equal(tenancy.Own.TenantId, incident.GetString(nameof(CaseEntity.TenantId)));
                    Assert.Equal(own.Name, incident.GetString(nameof(CaseEntity.OrganisationName)));
                }
            }

            foreach (var escalation in escalations)
            {
                Assert.Contains(incidents, i => EscalationEntity.RowPrefix + i.RowKey == escalation.RowKey);
            }
        }

        /// <summary>No entity in any table (state, claims, conversation references, cases…) mentions the case's conversation or user.</summary>
        private async Task CheckNothingStoredAsync()
        {
            string[] traces = [_conversation, _user["id"]!.GetValue<string>(), _user["aadObjectId"]!.GetValue<string>()];
            await foreach (var table in tables.QueryAsync())
            {
                await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    var mention = entity.Select(p => p.Value).OfType<string>().Append(entity.PartitionKey).Append(entity.RowKey)
                        .FirstOrDefault(v => traces.Any(t => v.Contains(t, StringComparison.OrdinalIgnoreCase)));
                    Assert.True(mention is null, $"{testCase.Id}: table {table.Name} holds {entity.PartitionKey}/{entity.RowKey} about the refused conversation: {Shorten(mention ?? string.Empty)}");
                }
            }
        }

        private static IEnumerable<string> Strings(JsonNode? node) => node switch
        {
            JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
            JsonArray arr => arr.SelectMany(Strings),
            JsonValue v when v.TryGetValue(out string? s) => [s],
            _ => [],
        };

        private static IEnumerable<string> UrlProperties(JsonNode? node) => node switch
        {
            JsonObject obj => obj.SelectMany(p => p.Key.EndsWith("url", StringComparison.OrdinalIgnoreCase) && p.Value is JsonValue v && v.TryGetValue(out string? s)
                ? [s]
                : UrlProperties(p.Value)),
            JsonArray arr => arr.SelectMany(UrlProperties),
            _ => [],
        };

        private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
    }

    private sealed record Answer(int Status, int? InvokeStatus, string Body, IReadOnlyList<JsonNode> Replies);

    [GeneratedRegex(@"\{\{([a-zA-Z0-9.]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"HH-\d{4}(?:-\d{2}|-\d{4})?-\d{4,6}", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberPattern();

    [GeneratedRegex(@"https?://([^\s/)\]\\]+)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
