using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Reliability.BadInput;

/// <summary>
/// The bad-input corpus: every <c>*.json</c> file next to this one (read from the repository, not copied to the output,
/// so a reviewer edits the data and reruns). The format is described in this folder's <c>README.md</c>.
/// </summary>
public static class BadInputCorpus
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "SupportBot.IntegrationTests", "Reliability", "BadInput");

    private static readonly Lazy<IReadOnlyDictionary<string, BadInputCase>> s_cases = new(Load);

    public static IReadOnlyDictionary<string, BadInputCase> Cases => s_cases.Value;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in Cases.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    private static Dictionary<string, BadInputCase> Load()
    {
        var cases = new Dictionary<string, BadInputCase>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
            var category = root["category"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file);
            foreach (var node in root["cases"]!.AsArray())
            {
                var obj = node!.AsObject();
                var id = obj["id"]!.GetValue<string>();
                var why = obj["why"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(why))
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}: case '{id}' has no 'why'.");
                }

                var steps = obj["steps"]?.AsArray().Select(s => s!.AsObject()).ToList()
                    ?? [obj["request"]?.AsObject() ?? throw new InvalidDataException($"case '{id}' has neither 'request' nor 'steps'.")];
                if (obj["expect"] is JsonObject expect)
                {
                    // A case-level "expect" is about the last request.
                    steps[^1] = (JsonObject)steps[^1].DeepClone();
                    steps[^1]["expect"] = expect.DeepClone();
                }

                var organisations = obj["organisations"]?.GetValue<int>() ?? 1;
                if (organisations is < 1 or > 3)
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}: case '{id}' asks for {organisations} organisations (1 to 3).");
                }

                var given = obj["given"]?.AsArray().Select(g => g!.GetValue<string>()).ToList() ?? [];
                if (!cases.TryAdd(id, new BadInputCase(id, category, why, given, organisations, obj["nothingStored"]?.GetValue<bool>() ?? false, steps, obj["stored"]?.AsArray())))
                {
                    throw new InvalidDataException($"Duplicate case id '{id}' in {Path.GetFileName(file)}.");
                }
            }
        }

        return cases;
    }
}

/// <param name="Id">Stable id, shown as the test case name.</param>
/// <param name="Category">The file's category (http, activity, text, injection, submit, invoke, tenant).</param>
/// <param name="Why">One line: what this case proves.</param>
/// <param name="Given">Cases created in storage before the steps: <c>ownCase</c>, <c>otherCase</c>.</param>
/// <param name="Organisations">How many organisations the case's own tenant has (with more than one the triage asks which).</param>
/// <param name="NothingStored">Afterwards no entity in any table mentions the case's conversation or user.</param>
/// <param name="Steps">The requests, in order, each with an optional <c>expect</c>.</param>
/// <param name="Stored">Row counts expected afterwards, per organisation.</param>
public sealed record BadInputCase(string Id, string Category, string Why, IReadOnlyList<string> Given, int Organisations, bool NothingStored, IReadOnlyList<JsonObject> Steps, JsonArray? Stored)
{
    public bool IsCrossOrganisation => Given.Contains("otherCase");

    public override string ToString() => Id;
}
