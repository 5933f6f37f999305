using System.Text.Json.Nodes;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Tests.Cards;

/// <summary>Sample data for every card template, in both languages. Each new template adds its samples here.</summary>
internal static class CardSamples
{
    public static IEnumerable<(string Template, string Name, JsonObject Data)> All()
    {
        foreach (var language in Enum.GetValues<UserLanguage>())
        {
            var texts = TextCatalog.Default.For(language);
            yield return ("welcome", $"welcome-{language.Code()}", texts);

            foreach (var notUnderstood in new[] { false, true })
            {
                var data = TextCatalog.Default.For(language);
                data["notUnderstood"] = notUnderstood;
                yield return ("help", $"help-{language.Code()}-{(notUnderstood ? "not-understood" : "asked")}", data);
            }
        }
    }
}
