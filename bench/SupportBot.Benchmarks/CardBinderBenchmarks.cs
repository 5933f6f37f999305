using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SupportBot.Bot.Options;
using SupportBot.Cards;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Benchmarks;

/// <summary>The card binder: the guidance card (the largest a triage sends) from a case, and the bare template expansion.</summary>
[MemoryDiagnoser]
public class CardBinderBenchmarks
{
    private TriageCards _cards = null!;
    private CaseRecord _case = null!;
    private JsonObject _helpData = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, SupportContactsFactory.From(new SupportOptions()));
        var answers = new Dictionary<string, string>
        {
            ["danger"] = "no", ["what"] = "threat", ["channel"] = "social-media", ["targets"] = "official", ["markers"] = "none",
            ["repeated"] = "no", ["reported"] = "no", ["role"] = "yes", ["when"] = "yesterday",
            ["organisation"] = "Lastby kommun", ["reporter-role"] = "security-officer",
        };
        _case = new CaseRecord("HH-2026-0042", "lastby-kommun", "Lastby kommun", "reporter", "Kim Testsson",
            UrgencyClassifier.Classify(new TriageAnswers(answers)), answers, DateTimeOffset.UnixEpoch, CaseStatus.New, "sv");
        _helpData = new JsonObject { ["title"] = "Hjälp", ["lines"] = new JsonArray("rapportera", "mina ärenden", "checklista") };
    }

    [Benchmark(Description = "guidance card from a case (texts, sources, template)")]
    public object GuidanceCard() => _cards.Guidance(_case, UserLanguage.Swedish);

    [Benchmark(Description = "notice template expanded from data")]
    public JsonObject NoticeTemplate() => CardLibrary.Default.Render("notice", _helpData);
}
