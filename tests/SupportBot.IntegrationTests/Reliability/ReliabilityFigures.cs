using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Reliability;

/// <summary>
/// The figures the reliability tests measure (turns driven, lost updates, 500s, …), written to
/// <c>test-results/reliability/*.json</c>, one file per measurement, so that <c>scripts/reliability.sh</c> can print
/// one table after a run. The tests assert the figures themselves; this only reports them.
/// </summary>
public static class ReliabilityFigures
{
    public static string Folder => Path.Combine(RepoPaths.Root, "test-results", "reliability");

    /// <param name="name">What was measured, e.g. "bad inputs tried"; also the file name.</param>
    /// <param name="value">The figure.</param>
    /// <param name="required">The value that must hold (e.g. 0 for "500s"), or null when the figure is a count of work done.</param>
    public static void Record(string name, long value, long? required = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".json");
        var json = new JsonObject { ["name"] = name, ["value"] = value, ["required"] = required, ["at"] = DateTimeOffset.UtcNow.ToString("O") };
        File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
