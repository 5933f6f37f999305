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
