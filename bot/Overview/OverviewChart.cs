using ScottPlot;
using SkiaSharp;
using SupportBot.Dialogs.Overview;

namespace SupportBot.Bot.Overview;

/// <summary>
/// Draws the overview's stacked bar chart with ScottPlot as a PNG small enough to travel inside the card (Teams limits a
/// message to about 28 KB; the chart is a data URI).
/// </summary>
public sealed class OverviewChart : IOverviewChart
{
    /// <summary>A sans-serif face like Teams' own (DejaVu ships with Debian's fonts-dejavu-core; Skia falls back otherwise).</summary>
    private const string FontFamily = "DejaVu Sans";
    private const int LegendHeight = 30;

    public byte[] RenderPng(ChartSpec chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < chart.Labels.Count; i++)
        {
            double bottom = 0;
            foreach (var series in chart.Series)
            {
                var value = series.Values[i];
                if (value > 0)
                {
                    bars.Add(new Bar
                    {
                        Position = i,
                        ValueBase = bottom,
                        Value = bottom + value,
                        FillColor = Color.FromHex(series.ColorHex),
                        LineWidth = 0,
                    });
                    bottom += value;
                }
            }
        }

        plot.Add.Bars(bars);
        plot.Font.Set(FontFamily);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, chart.Labels.Count).Select(i => (double)i)],
            [.. chart.Labels]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // Teams shows the image at the card's width (400–500 px): large type keeps the labels readable there.
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Title.Label.FontSize = 18;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var highest = Enumerable.Range(0, chart.Labels.Count).Select(i => chart.Series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, Math.Max(4, highest * 1.1));
        plot.Axes.SetLimitsX(-0.6, chart.Labels.Count - 0.4);
        plot.Title(chart.Title);
        plot.Grid.XAxisStyle.IsVisible = false;

        using var bitmap = new SKBitmap(chart.Width, chart.Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var plotted = SKBitmap.Decode(plot.GetImageBytes(chart.Width, chart.Height - LegendHeight, ImageFormat.Png));
            canvas.DrawBitmap(plotted, 0, 0);
            DrawLegend(canvas, chart.Series, chart.Height - LegendHeight);
        }

        return IndexedPng.Encode(bitmap);
    }

    /// <summary>
    /// The key under the chart, drawn directly: ScottPlot's own legend shifts its text upwards and clips the dots of
    /// "HÖG" and "FÖREBYGGANDE" (ScottPlot issue 4699).
    /// </summary>
    private static void DrawLegend(SKCanvas canvas, IReadOnlyList<ChartSeries> series, int top)
    {
        using var typeface = SKTypeface.FromFamilyName(FontFamily);
        using var font = new SKFont(typeface, 15);
        using var paint = new SKPaint { IsAntialias = true };
        var x = 48f;
        var baseline = top + 20f;
        foreach (var item in series)
        {
            paint.Color = SKColor.Parse(item.ColorHex);
            canvas.DrawRect(x, baseline - 12, 14, 14, paint);
            paint.Color = new SKColor(0x24, 0x24, 0x24);
            canvas.DrawText(item.Name, x + 20, baseline, SKTextAlign.Left, font, paint);
            x += 20 + font.MeasureText(item.Name) + 28;
        }
    }
}
