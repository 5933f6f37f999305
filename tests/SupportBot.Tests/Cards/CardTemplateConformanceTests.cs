using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;

namespace SupportBot.Tests.Cards;

/// <summary>
/// Our binder against Microsoft's official engine: same template, same data, same JSON; and every card
/// parses in the official renderer library without a single warning.
/// </summary>
public sealed class CardTemplateConformanceTests
{
    private const int MaxMessageBytes = 28 * 1024;

    [Fact]
    public void EveryTemplate_HasAtLeastOneSample()
    {
        var sampled = CardSamples.All().Select(s => s.Template).ToHashSet();
        Assert.All(CardLibrary.Default.Names, name => Assert.Contains(name, sampled));
    }

    [Fact]
    public async Task Expand_EverySample_EqualsOfficialEngineAndParsesWithoutWarnings()
    {
        var samples = CardSamples.All().ToList();
        var cases = new JsonArray(samples.Select(s => (JsonNode)new JsonObject
        {
            ["template"] = JsonNode.Parse(TemplateJson(s.Template)),
            ["data"] = s.Data?.DeepClone(),
        }).ToArray());

        var official = await OfficialCardEngine.RunAsync(cases);

        for (var i = 0; i < samples.Count; i++)
        {
            var ours = CardLibrary.Default.Render(samples[i].Template, samples[i].Data);
            Assert.True(
                JsonNode.DeepEquals(official[i].Expanded, ours),
                $"{samples[i].Name}: ours {ours.ToJsonString()}\nofficial {official[i].Expanded?.ToJsonString()}");
            Assert.True(official[i].ParseEvents.Count == 0, $"{samples[i].Name}: {string.Join("; ", official[i].ParseEvents)}");
        }
    }

    [Fact]
    public void Render_EverySample_StaysUnderTeamsMessageLimit()
    {
        foreach (var (template, name, data) in CardSamples.All())
        {
            var card = CardLibrary.Default.Render(template, data);
            var message = CardAttachments.ToMessage(card, "fallback");
            var bytes = Encoding.UTF8.GetByteCount(Newtonsoft.Json.JsonConvert.SerializeObject(message));
            Assert.True(bytes < MaxMessageBytes, $"{name}: {bytes} bytes");
        }
    }

    [Fact]
    public void Render_EverySample_PutsThe112LineFirst()
    {
        foreach (var (template, name, data) in CardSamples.All())
        {
            var card = CardLibrary.Default.Render(template, data);
            var firstText = card.ToJsonString();
            var firstTextBlock = FindTextBlocks(card).First();
            Assert.True(firstTextBlock.Contains("112", StringComparison.Ordinal), $"{name}: first text is '{firstTextBlock}'");
            Assert.NotEmpty(firstText);
        }
    }

    private static IEnumerable<string> FindTextBlocks(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "TextBlock")
                {
                    yield return obj["text"]!.GetValue<string>();
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var text in FindTextBlocks(child))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray arr:
                foreach (var child in arr)
                {
                    foreach (var text in FindTextBlocks(child))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }

    private static string TemplateJson(string name)
    {
        using var stream = typeof(CardLibrary).Assembly.GetManifestResourceStream("SupportBot.Cards.templates." + name + ".json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
