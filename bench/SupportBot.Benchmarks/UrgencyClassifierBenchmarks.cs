using BenchmarkDotNet.Attributes;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Benchmarks;

/// <summary>The urgency classifier over the answers of a whole triage (HÖG: a threat), and the AKUT short cut.</summary>
[MemoryDiagnoser]
public class UrgencyClassifierBenchmarks
{
    private readonly Dictionary<string, string> _answers = new()
    {
        ["danger"] = "no", ["what"] = "threat", ["channel"] = "social-media", ["targets"] = "official", ["markers"] = "weapons,named-place",
        ["repeated"] = "yes", ["reported"] = "no", ["role"] = "yes", ["when"] = "yesterday",
    };

    private readonly Dictionary<string, string> _danger = new() { ["danger"] = "yes" };

    [Benchmark(Description = "classify a whole triage (answers parsed)")]
    public Urgency WholeTriage() => UrgencyClassifier.Classify(new TriageAnswers(_answers));

    [Benchmark(Description = "classify danger now")]
    public Urgency DangerNow() => UrgencyClassifier.Classify(new TriageAnswers(_danger));
}
