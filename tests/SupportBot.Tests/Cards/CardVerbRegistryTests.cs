using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Cards;

/// <summary>Every button any card can show reaches a handler: Action.Execute's verb and the verb in Action.Submit's data.</summary>
public sealed partial class CardVerbRegistryTests
{
    [Fact]
    public void EveryVerbInTemplatesAndCardBuilders_HasAHandler()
    {
        var handled = new TestBot().Router.CardVerbs.ToHashSet(StringComparer.Ordinal);
        var shown = new SortedSet<string>(StringComparer.Ordinal);

        // The templates as written (literal verbs) ...
        foreach (var name in CardLibrary.Default.Names)
        {
            using var stream = typeof(CardLibrary).Assembly.GetManifestResourceStream("SupportBot.Cards.templates." + name + ".json")!;
            Collect(JsonNode.Parse(stream), shown);
        }

        // ... and as the C# builders fill them (verbs set in code: start, language, guidance buttons, digest links) ...
        foreach (var (template, _, data) in CardSamples.All())
        {
            Collect(CardLibrary.Default.Render(template, data), shown);
        }

        // ... and the one card whose actions are added after rendering.
        var triage = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts);
        foreach (var attachment in triage.EscalationConfirm(CardSamples.SampleCases("sv")[0], UserLanguage.Swedish).Attachments)
        {
            Collect(JsonNode.Parse(((Newtonsoft.Json.Linq.JToken)attachment.Content).ToString()), shown);
        }

        shown.RemoveWhere(verb => verb.Contains("${", StringComparison.Ordinal));
        Assert.Contains("case.take", shown);
        Assert.Contains("start", shown);
        Assert.Contains("escalateconfirmed", shown);
        var missing = shown.Where(verb => !handled.Contains(verb)).ToList();
        Assert.True(missing.Count == 0, "Card verbs without a handler: " + string.Join(", ", missing));
    }

    [Fact]
    public void CardBuilders_SetVerbsOnlyInTheBuildersThisTestRenders()
    {
        // A new C# card builder that sets a verb must be rendered above (CardSamples), or its verbs go unchecked.
        var dialogs = Path.Combine(RepositoryRoot(), "dialogs");
        var setting = Directory.EnumerateFiles(dialogs, "*.cs", SearchOption.AllDirectories)
            .Where(file => VerbAssignment().IsMatch(File.ReadAllText(file)))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["HelpCards.cs", "QuestionDesk.cs", "SubscriptionCards.cs", "TriageCards.cs"], setting);
    }

    [Fact]
    public void Registry_RefusesAVerbRegisteredTwice()
    {
        var verbs = new SupportBot.Dialogs.Conversation.CardVerbRegistry();
        verbs.Add("x", SupportBot.Dialogs.Conversation.CardVerbStage.DialogOnly);
        Assert.Throws<InvalidOperationException>(() => verbs.Add("x", SupportBot.Dialogs.Conversation.CardVerbStage.DialogOnly));
    }

    private static void Collect(JsonNode? node, ISet<string> verbs)
    {
        switch (node)
        {
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                if (type == "Action.Execute" && obj["verb"] is JsonValue v && v.TryGetValue<string>(out var executeVerb))
                {
                    verbs.Add(executeVerb);
                }

                if (type is "Action.Submit" or "Action.Execute" && obj["data"] is JsonObject data && data["verb"] is JsonValue d && d.TryGetValue<string>(out var submitVerb))
                {
                    verbs.Add(submitVerb);
                }

                foreach (var (_, child) in obj)
                {
                    Collect(child, verbs);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, verbs);
                }

                break;
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SupportBot.sln not found above the test's directory.");
    }

    [GeneratedRegex("""\["verb"\]\s*=""")]
    private static partial Regex VerbAssignment();
}
