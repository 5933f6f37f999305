using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Overview;

/// <summary>The managers' overview card: a chart of the last twelve months and a compact table. Counts only.</summary>
public sealed class OverviewCards(TextCatalog texts, CardLibrary cards, GuidanceContent guidance, FlowCatalog flows)
{
    /// <summary>Urgency colours, most urgent first (the order of the stacks' legend).</summary>
    private static readonly (Urgency Urgency, string Color)[] s_urgencies =
    [
        (Urgency.Akut, "#C4314B"),
        (Urgency.Hog, "#E97548"),
        (Urgency.Normal, "#4F6BED"),
        (Urgency.Forebyggande, "#8A8886"),
    ];

    /// <summary>What to draw: incidents per month, stacked by urgency.</summary>
    public ChartSpec Chart(OverviewStats stats, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var culture = Culture(language);
        return new ChartSpec(
            texts.Get(language, "overview.chartTitle"),
            stats.Months.Select((m, i) => MonthLabel(m, showYear: i == 0 || m.Month == 1, culture)).ToList(),
            s_urgencies.Select(u => new ChartSeries(UrgencyLabel(u.Urgency, language), u.Color, stats.Months.Select(m => m.ByUrgency[u.Urgency]).ToList())).ToList(),
            Width: 560,
            Height: 300);
    }

    /// <param name="withoutFollowUp">Open HÖG/AKUT cases without a follow-up answer: one more line in the summary (none when null).</param>
    /// <param name="subscribers">People of the organisation subscribed to guidance updates: one more line (none when null).</param>
    public IMessageActivity Overview(string organisationName, OverviewStats stats, byte[] chartPng, UserLanguage language, int? withoutFollowUp = null, int? subscribers = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(chartPng);
        var culture = Culture(language);
        var first = stats.Months[0];
        var last = stats.Months[^1];
        var what = flows[TriageCompletion.TriageFlowId].Step("what");
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = Format(texts.Get(language, "overview.title"), ("organisation", CardText.Escape(organisationName, CardText.OrganisationDisplayLength))),
            ["period"] = Format(
                texts.Get(language, "overview.period"),
                ("from", new DateTime(first.Year, first.Month, 1).ToString("MMMM yyyy", culture)),
                ("to", new DateTime(last.Year, last.Month, 1).ToString("MMMM yyyy", culture))),
            ["chart"] = "data:image/png;base64," + Convert.ToBase64String(chartPng),
            ["chartAlt"] = Format(texts.Get(language, "overview.chartAlt"), ("total", Number(stats.Total, culture))),
            // The counts lead and the breakdowns unfold with one button, so that the card's top is in view when it
            // arrives in a chat pane (issue 17).
            ["summary"] = new JsonArray(
                Section(
                    string.Empty,
                    [.. new[]
                    {
                        Fact(texts.Get(language, "overview.total"), Number(stats.Total, culture)),
                        Fact(texts.Get(language, "overview.open"), Number(stats.OpenEscalations, culture)),
                        Fact(texts.Get(language, "overview.closed"), Number(stats.ClosedEscalations, culture)),
                        Fact(texts.Get(language, "overview.median"), Duration(stats.MedianAcknowledgement, language)),
                    }])),
            ["showMoreTitle"] = texts.Get(language, "overview.showMore"),
            // Follow-up and subscriber counts unfold with the breakdowns: the card's top stays in view on arrival.
            ["sections"] = new JsonArray(
                Section(
                    texts.Get(language, "overview.keepingInTouchTitle"),
                    [.. Array.Empty<JsonNode>()
                        .Concat(withoutFollowUp is { } open ? [Fact(texts.Get(language, "followUp.overviewWithout"), Number(open, culture))] : [])
                        .Concat(subscribers is { } people ? [Fact(texts.Get(language, "subscriptions.overviewLabel"), Number(people, culture))] : [])]),
                Section(
                    texts.Get(language, "overview.urgencyTitle"),
                    [.. s_urgencies.Select(u => Fact(UrgencyLabel(u.Urgency, language), Number(stats.ByUrgency[u.Urgency], culture)))]),
                Section(
                    texts.Get(language, "overview.typeTitle"),
                    [.. stats.ByType.Select(t => Fact(what.Choices.FirstOrDefault(c => c.Id == t.Key)?.Label.For(language) ?? texts.Get(language, "overview.otherType"), Number(t.Value, culture)))])),
        };
        var fallback = data["title"]!.GetValue<string>() + ": " + data["chartAlt"]!.GetValue<string>();
        return CardAttachments.ToMessage(cards.Render("overview", data), fallback);
    }

    /// <summary>
    /// "dec", "jan"…: three letters, so twelve labels fit at a size that stays readable when Teams shrinks the image to
    /// the card's width; the year under the first month and under each January.
    /// </summary>
    private static string MonthLabel(MonthCount month, bool showYear, CultureInfo culture)
    {
        var date = new DateTime(month.Year, month.Month, 1);
        var name = date.ToString("MMM", culture).Replace(".", string.Empty, StringComparison.Ordinal);
        name = name[..Math.Min(3, name.Length)];
        return showYear ? name + "\n" + date.ToString("yyyy", culture) : name;
    }

    /// <summary>"45 min", "2 h 5 min", "3 d 4 h"; a dash when nothing was acknowledged in the period.</summary>
    public string Duration(TimeSpan? span, UserLanguage language)
    {
        if (span is not { } value)
        {
            return texts.Get(language, "overview.none");
        }

        var key = value.TotalDays >= 1 ? "overview.days" : value.TotalHours >= 1 ? "overview.hours" : "overview.minutes";
        return Format(
            texts.Get(language, key),
            ("days", ((int)value.TotalDays).ToString(CultureInfo.InvariantCulture)),
            ("hours", (value.TotalDays >= 1 ? value.Hours : (int)value.TotalHours).ToString(CultureInfo.InvariantCulture)),
            ("minutes", (value.TotalHours >= 1 ? value.Minutes : (int)Math.Round(value.TotalMinutes)).ToString(CultureInfo.InvariantCulture)));
    }

    private string UrgencyLabel(Urgency urgency, UserLanguage language) => guidance.Urgencies[urgency.Code()].Label.For(language);

    private static JsonObject Section(string heading, params JsonNode[] facts) => new() { ["heading"] = heading, ["facts"] = new JsonArray(facts) };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static string Number(int value, CultureInfo culture) => value.ToString("N0", culture);

    private static CultureInfo Culture(UserLanguage language) => CultureInfo.GetCultureInfo(language == UserLanguage.English ? "en-GB" : "sv-SE");
}
