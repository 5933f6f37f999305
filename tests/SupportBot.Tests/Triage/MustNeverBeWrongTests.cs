using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Cards;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;
using SupportBot.Testing;

namespace SupportBot.Tests.Triage;

/// <summary>The "must never be wrong" list of shared/design/domain.md, asserted over the content and the cards.</summary>
public sealed partial class MustNeverBeWrongTests
{
    private static readonly string[] ContentFiles = Directory.GetFiles(Path.Combine(RepoPaths.Root, "dialogs", "content"), "*.json");

    private static string AllContent() => string.Join("\n", ContentFiles.Select(File.ReadAllText));

    private static string CardText(IMessageActivity message) => string.Join("\n",
        JObject.FromObject(message.Attachments[0].Content).Descendants().OfType<JValue>().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static TriageCards Cards() => new(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts);

    [Fact]
    public void Rule1_PoliceNumbers_Are112And11414Only()
    {
        var content = AllContent();
        Assert.Contains("112", content, StringComparison.Ordinal);
        Assert.Contains("114 14", content, StringComparison.Ordinal);
        // No look-alikes of the non-emergency number.
        Assert.DoesNotMatch(WrongPoliceNumber(), content);
    }

    [Fact]
    public void Rule1_EveryCardTheBotSends_Starts112()
    {
        foreach (var (template, name, data) in CardSamples.All())
        {
            var first = FirstText(CardLibrary.Default.Render(template, data));
            Assert.True(first.Contains("112", StringComparison.Ordinal), $"{name} starts with '{first}'");
        }
    }

    [Theory]
    [InlineData(UserLanguage.Swedish, "kontorstid", "inte stöd direkt till den enskilda förtroendevalda", "ingen akuttjänst")]
    [InlineData(UserLanguage.English, "office hours", "do not support individual elected officials", "not an emergency service")]
    public void Rule2_SklSoundingBoard_IsForStaffInOfficeHoursNotIndividualsNotEmergency(UserLanguage language, string hours, string notIndividuals, string notEmergency)
    {
        var text = CardText(Cards().EscalationContacts("HH-2026-0001", language));
        Assert.Contains(hours, text, StringComparison.Ordinal);
        Assert.Contains(notIndividuals, text, StringComparison.Ordinal);
        Assert.Contains(notEmergency, text, StringComparison.Ordinal);
        Assert.Contains("112", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule3_Sapo_OnlyForCentralGovernmentAndLocalOfficialsAreThePolices()
    {
        var sapo = GuidanceContent.Default.Actions.Single(a => a.Text.Sv.Contains("Säkerhetspolisen", StringComparison.Ordinal));
        Assert.Equal(["targets"], sapo.When.Keys);
        Assert.Equal(["central"], sapo.When["targets"]);
        Assert.Contains("Lokala och regionala förtroendevalda skyddas av Polisen", sapo.Text.Sv, StringComparison.Ordinal);
        Assert.Contains("Local and regional officials are protected by the Police", sapo.Text.En, StringComparison.Ordinal);
        var others = GuidanceContent.Default.Actions.Where(a => a != sapo);
        Assert.All(others, a => Assert.DoesNotContain("Säpo", a.Text.Sv + a.Text.En, StringComparison.Ordinal));
    }

    [Fact]
    public void Rule4_NeverNotACrime_NeverPromiseConfidentiality()
    {
        var content = AllContent();
        foreach (var forbidden in new[] { "inte ett brott", "inget brott", "not a crime", "no crime", "är konfidentiell", "förblir hemlig", "stays confidential", "will be kept confidential" })
        {
            Assert.DoesNotContain(forbidden, content, StringComparison.OrdinalIgnoreCase);
        }

        var access = GuidanceContent.Default.Actions.Single(a => a.Id == "access-restriction");
        Assert.Contains("går inte att lova", access.Text.Sv, StringComparison.Ordinal);
        Assert.Contains("cannot be promised", access.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule5_AnyFigure_QuotesExposureYearAndReportYear()
    {
        // A percentage in content must name the survey report (e.g. "Brå PTU 2023") and the exposure year.
        foreach (Match match in Percentage().Matches(AllContent()))
        {
            var around = AllContent().Substring(Math.Max(0, match.Index - 200), Math.Min(400, AllContent().Length - Math.Max(0, match.Index - 200)));
            Assert.Matches(@"PTU 20\d\d", around);
            Assert.Matches(@"\b20\d\d\b.*\b20\d\d\b", around);
        }
    }

    [Fact]
    public void GuidanceCard_ReporterIsAnOfficial_SaysSupportIsLocal()
    {
        var record = CardSamples.SampleCases("sv").Single(c => c.Answers.GetValueOrDefault("reporter-role") == "elected-official");
        var text = CardText(Cards().Guidance(record, UserLanguage.Swedish));
        Assert.Contains("Du som själv är förtroendevald", text, StringComparison.Ordinal);
        Assert.Contains("Stödet till den utsatta ges lokalt", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GuidanceCard_OrganisationNameWithMarkdown_IsShownInert()
    {
        var record = CardSamples.SampleCases("sv").Single(c => c.OrganisationName.Contains('[', StringComparison.Ordinal));
        var text = CardText(Cards().Guidance(record, UserLanguage.Swedish));
        Assert.Contains("Region \\[Test\\]\\(hxxps://evil\\[.\\]example\\)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[Test](https://evil.example)", text, StringComparison.Ordinal);
    }

    private static string FirstText(JContainer card) =>
        card.Descendants().OfType<JObject>().First(o => (string?)o["type"] == "TextBlock")["text"]!.ToString();

    private static string FirstText(System.Text.Json.Nodes.JsonObject card) => FirstText(JObject.Parse(card.ToJsonString()));

    [GeneratedRegex(@"\b114\s?(?!14\b)\d{2}\b|\b11414\b")]
    private static partial Regex WrongPoliceNumber();

    [GeneratedRegex(@"\d+\s?%")]
    private static partial Regex Percentage();
}
