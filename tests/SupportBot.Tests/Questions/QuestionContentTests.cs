using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Questions;

/// <summary>The question file as content: enough questions, both languages, short answers, deep-linked sources, real checklists.</summary>
public sealed class QuestionContentTests
{
    private static readonly QuestionContent Content = QuestionContent.Default;

    [Fact]
    public void Questions_AtLeast40WithUniqueIds() =>
        Assert.True(Content.Entries.Count >= 40 && Content.Entries.Select(e => e.Id).Distinct().Count() == Content.Entries.Count);

    [Fact]
    public void EveryEntry_HasSwedishAndEnglishQuestionsAndAShortAnswer() => Assert.All(Content.Entries, entry =>
    {
        Assert.NotEmpty(entry.QuestionsSv);
        Assert.NotEmpty(entry.QuestionsEn);
        Assert.InRange(entry.Answer.Sv.Length, 20, 300);
        Assert.InRange(entry.Answer.En.Length, 20, 300);
    });

    [Fact]
    public void EveryEntry_IsSourcedWithADeepLink() => Assert.All(Content.Entries, entry =>
    {
        Assert.False(string.IsNullOrWhiteSpace(entry.Source.Name));
        Assert.True(Uri.TryCreate(entry.Source.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps, entry.Source.Url);
    });

    [Fact]
    public void EveryChecklistNamed_Exists() => Assert.All(Content.Entries.Where(e => e.Checklist is not null), entry =>
        Assert.NotNull(ChecklistContent.Default.Find(entry.Checklist)));

    [Fact]
    public void Answers_NeverSayItIsNotACrime_NorPromiseConfidentiality() => Assert.All(Content.Entries, entry =>
    {
        Assert.DoesNotContain("inte ett brott", entry.Answer.Sv, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not a crime", entry.Answer.En, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("säpo skyddar kommun", entry.Answer.Sv, StringComparison.OrdinalIgnoreCase);
    });

    [Fact]
    public void Index_HoldsTheQuestionsTheGuidanceAndTheChecklists() =>
        Assert.Equal(Content.Entries.Count + GuidanceContent.Default.Actions.Count + ChecklistContent.Default.Checklists.Count, QuestionIndex.Default.DocumentCount);

    [Theory]
    [InlineData("polisanmälan", "qa:police-report-how")]
    [InlineData("skyddad folkbokföring", "qa:protected-address")]
    [InlineData("restraining order", "qa:restraining-order")]
    public void Search_SwedishCompoundsAndEnglish_FindTheEntry(string text, string expected) =>
        Assert.Contains(QuestionDesk.Confident(QuestionIndex.Default.Search(text)), m => m.Id == expected);
}
