using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Tests.Triage;

public sealed class AnswerParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly FlowDefinition Flow = FlowCatalog.Default["triage"];
    private static readonly AnswerParser Parser = new(new DialogVocabulary(TextCatalog.Default));

    [Theory]
    [InlineData("danger", "ja", "yes")]
    [InlineData("danger", "Nej", "no")]
    [InlineData("danger", "yes", "yes")]
    [InlineData("danger", "1", "yes")]
    [InlineData("danger", "2", "no")]
    [InlineData("danger", "kanske", null)]
    [InlineData("what", "1", "threat")]
    [InlineData("what", "9", "prevention")]
    [InlineData("what", "10", null)]
    [InlineData("what", "0", null)]
    [InlineData("what", "Näthat", "online-hate")]
    [InlineData("what", "online hate", "online-hate")]
    [InlineData("what", "hot", "threat")]
    [InlineData("what", "something else entirely", null)]
    [InlineData("markers", "1, 3", "weapons,came-home")]
    [InlineData("markers", "3 1", "weapons,came-home")]
    [InlineData("markers", "inget", "none")]
    [InlineData("markers", "7", "none")]
    [InlineData("markers", "1, 7", null)]
    [InlineData("markers", "1, 99", null)]
    [InlineData("markers", "", null)]
    [InlineData("when", "igår", "yesterday")]
    [InlineData("when", "2026-11-20", "date:2026-11-20")]
    [InlineData("when", "20/11", "date:2026-11-20")]
    [InlineData("when", "2026-12-24", null)]
    [InlineData("when", "2019-01-01", null)]
    [InlineData("when", "sometime", null)]
    [InlineData("description", "hoppa över", "")]
    [InlineData("description", "skip", "")]
    [InlineData("description", "Ett hotfullt brev kom i dag.", "Ett hotfullt brev kom i dag.")]
    [InlineData("description", "rad\u0007ett", "radett")]
    [InlineData("description", "Bilaga \u202Efdp.exe\u2066 och l\u200Dänk", "Bilaga fdp.exe och länk")]
    public void Parse_TypedAnswer_GivesValueOrError(string stepId, string typed, string? expected)
    {
        var result = Parser.Parse(Flow.Step(stepId), UserInput.FromText(typed), Today);

        Assert.Equal(expected, result.Value);
        Assert.Equal(expected is null, !result.IsValid);
    }

    [Theory]
    [InlineData("danger", "jo", "yes")]
    [InlineData("danger", "Japp!", "yes")]
    [InlineData("danger", "ja tack", "yes")]
    [InlineData("danger", "yeah", "yes")]
    [InlineData("danger", "nä", "no")]
    [InlineData("danger", "Nej tack.", "no")]
    [InlineData("danger", "nope", "no")]
    [InlineData("danger", "no thanks", "no")]
    [InlineData("danger", "kanske", null)]
    [InlineData("reporter-role", "säkerhetsansvarg", "security-officer")]
    [InlineData("reporter-role", "sakerhetsansvarig", "security-officer")]
    [InlineData("reporter-role", "kansliched", "head-of-chancellery")]
    [InlineData("reporter-role", "kommunsekreterar", "municipal-secretary")]
    [InlineData("reporter-role", "två", "municipal-secretary")]
    [InlineData("reporter-role", "three", "head-of-chancellery")]
    [InlineData("reporter-role", "2.", "municipal-secretary")]
    [InlineData("channel", "socila medier", "social-media")]
    [InlineData("channel", "e-pst", "email")]
    [InlineData("what", "nähat", "online-hate")]
    [InlineData("what", "skadegörlse", "damage")]
    [InlineData("what", "hat", "harassment")]
    [InlineData("what", "hut", null)]
    [InlineData("what", "våldd", "violence")]
    [InlineData("markers", "vapen, upprepd", "weapons,repeated-contact")]
    [InlineData("markers", "ett, tre", "weapons,came-home")]
    [InlineData("when", "igåår", "yesterday")]
    [InlineData("when", "tidigre", "earlier")]
    public void Parse_ForgivingInput_YesNoWordsTyposAndNumberWords(string stepId, string typed, string? expected)
    {
        var result = Parser.Parse(Flow.Step(stepId), UserInput.FromText(typed), Today);

        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("hot", 0)]
    [InlineData("våld", 0)]
    [InlineData("näthat", 1)]
    [InlineData("kanslichef", 2)]
    public void AllowedTypos_GrowsWithTheWordsLength(string word, int expected) =>
        Assert.Equal(expected, AnswerParser.AllowedTypos(word));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("säkerhetsansvarig", "säkerhetsansvarg", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("report", "reprot", 1)]
    public void EditDistance_CountsInsertionsDeletionsAndSubstitutions(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Distance(a, b));

    [Fact]
    public void Parse_DescriptionOverLimit_SaysHowLong()
    {
        var result = Parser.Parse(Flow.Step("description"), UserInput.FromText(new string('a', 612)), Today);

        Assert.Equal("dialog.errors.tooLong", result.ErrorKey);
        Assert.Equal("500", result.ErrorArgs!["max"]);
        Assert.Equal("612", result.ErrorArgs["length"]);
    }

    [Theory]
    [InlineData("what", "violence", "violence")]
    [InlineData("reporter-role", "3", null)]
    [InlineData("what", "not-a-choice", null)]
    [InlineData("markers", "weapons,none", null)]
    [InlineData("markers", "knows-home,weapons", "weapons,knows-home")]
    public void Parse_CardValue_OnlyAcceptsChoiceIds(string stepId, string value, string? expected)
    {
        var result = Parser.Parse(Flow.Step(stepId), new UserInput(null, "answer", stepId, value), Today);

        Assert.Equal(expected, result.Value);
    }
}
