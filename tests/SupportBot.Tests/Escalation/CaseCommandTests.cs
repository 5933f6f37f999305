using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Tests.Escalation;

/// <summary>Reading case actions from card data: whatever a client sends, it parses without throwing.</summary>
public sealed class CaseCommandTests
{
    [Fact]
    public void FromCardData_ExecuteData_TakesTheVerbFromTheAction()
    {
        var command = CaseCommand.FromCardData(JObject.Parse("""{ "org": "exempelby-kommun", "case": "HH-2026-0001", "version": 3, "note": " Klart. " }"""), CaseCommand.Close);

        Assert.Equal(new CaseCommand(CaseCommand.Close, "exempelby-kommun", "HH-2026-0001", 3, "Klart.", null), command);
    }

    [Fact]
    public void FromCardData_SubmitFallback_TakesTheVerbAndAStringVersionFromTheData()
    {
        var command = CaseCommand.FromCardData(JObject.Parse("""{ "verb": "case.take", "org": "o", "case": "HH-2026-0001", "version": "2" }"""));

        Assert.Equal((CaseCommand.Take, 2), (command.Verb, command.Version));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("{ broken")]
    [InlineData("""{ "verb": 5, "case": ["HH-2026-0001"], "version": { "x": 1 }, "org": null }""")]
    [InlineData("""{ "verb": "case.take", "case": "HH-2026-0001<script>", "version": "abc" }""")]
    public void FromCardData_Malformed_ParsesToACommandWithoutUsableValues(string? json)
    {
        object? data = json is not null && json.StartsWith('{') && json != "{ broken" ? JObject.Parse(json) : json;

        var command = CaseCommand.FromCardData(data);

        Assert.Null(command.CaseNumber);
        Assert.Null(command.Version);
        Assert.Null(command.OrganisationKey);
    }

    [Theory]
    [InlineData("HH-2026-0042", true)] // the older national form stays valid
    [InlineData("HH-2026-123456", true)]
    [InlineData("HH-2026-1480-0042", true)] // municipality code
    [InlineData("HH-2026-01-0042", true)] // region code
    [InlineData("HH-2026-1480-12345", true)]
    [InlineData("HH-2026-148-0042", false)]
    [InlineData("HH-2026-14800-0042", false)]
    [InlineData("HH-2026-1480-042", false)]
    [InlineData("HH-2026-1480-0042-0001", false)]
    [InlineData("hh-2026-1480-0042", false)]
    [InlineData("HH-2026-1480-0042 ", false)]
    [InlineData("HH-2026-abcd-0042", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsCaseNumber_Forms_AcceptsOnlyWhatTheBotHandsOut(string? value, bool expected) =>
        Assert.Equal(expected, CaseCommand.IsCaseNumber(value));
}
