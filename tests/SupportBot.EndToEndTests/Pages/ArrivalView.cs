using System.Globalization;
using Microsoft.Playwright;

namespace SupportBot.EndToEndTests.Pages;

/// <summary>
/// Where a card sits in the chat pane's scroll container the moment it has arrived and the Playground has scrolled
/// the chat (nothing scrolled by the test): the pane's visible band, the card's top and its first button, in CSS
/// pixels of the window. Measured by <see cref="MeasureAsync"/>.
/// </summary>
public sealed record ArrivalView(
    int WindowWidth,
    int WindowHeight,
    double PaneTop,
    double PaneBottom,
    double CardTop,
    double CardBottom,
    double ButtonTop,
    double ButtonBottom,
    string FirstButton)
{
    /// <summary>
    /// Finds the nearest scrolling ancestor of the message (the chat pane), waits until its scroll position has
    /// settled, and reads the boxes. The first button is the card's first visible push button in reading order.
    /// </summary>
    private const string MeasureScript = """
        m => {
            let pane = m.parentElement;
            while (pane && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
            const view = pane ? pane.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
            const card = m.querySelector('.ac-adaptiveCard');
            const box = card.getBoundingClientRect();
            const button = Array.from(card.querySelectorAll('button, [role=button]'))
                .find(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
            const b = button ? button.getBoundingClientRect() : { top: NaN, bottom: NaN };
            return [window.innerWidth, window.innerHeight, Math.max(view.top, 0), Math.min(view.bottom, window.innerHeight),
                box.top, box.bottom, b.top, b.bottom, button ? button.innerText.trim() : '',
                pane ? pane.scrollTop : -1];
        }
        """;

    /// <summary>The card's top edge shows in the pane (a pixel of rounding allowed).</summary>
    public bool TopInView => CardTop >= PaneTop - 1 && CardTop < PaneBottom;

    /// <summary>The whole of the first button shows in the pane.</summary>
    public bool FirstButtonInView => !double.IsNaN(ButtonTop) && ButtonTop >= PaneTop - 1 && ButtonBottom <= PaneBottom + 1;

    public static async Task<ArrivalView> MeasureAsync(BotMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The Playground scrolls a new message into view itself (smoothly): wait until the pane has stopped moving.
        string[] last = [];
        for (var i = 0; i < 40; i++)
        {
            var now = await message.Root.EvaluateAsync<string[]>($"m => ({MeasureScript})(m).map(v => String(v))");
            if (last.Length > 0 && now.SequenceEqual(last))
            {
                return From(now);
            }

            last = now;
            await Task.Delay(150);
        }

        return From(last);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{WindowWidth}x{WindowHeight}: pane {PaneTop:0}–{PaneBottom:0}, card {CardTop:0}–{CardBottom:0}, first button \"{FirstButton}\" {ButtonTop:0}–{ButtonBottom:0}; top {(TopInView ? "in view" : "OUT")}, button {(FirstButtonInView ? "in view" : "OUT")}");

    private static ArrivalView From(string[] v)
    {
        double D(int i) => double.Parse(v[i], CultureInfo.InvariantCulture);
        return new ArrivalView((int)D(0), (int)D(1), D(2), D(3), D(4), D(5), D(6), D(7), v[8]);
    }
}
