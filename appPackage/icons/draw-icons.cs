// Draws the Teams app icons (a shield with a check mark) into appPackage/: color.png 192×192 on the accent
// colour and outline.png 32×32, white on transparent. Run from the repository root after changing the design:
//   dotnet run appPackage/icons/draw-icons.cs
// SkiaSharp is the version the bot already gets through ScottPlot.
#:package SkiaSharp@3.119.0
#:package SkiaSharp.NativeAssets.Linux.NoDependencies@3.119.0
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false

using SkiaSharp;

var output = args.Length > 0 ? args[0] : "appPackage";
var accent = SKColor.Parse("#1F4E79");

// Color icon: full-bleed accent background, white shield within Teams' 120 px safe area, accent check mark.
using (var surface = SKSurface.Create(new SKImageInfo(192, 192, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
{
    var canvas = surface.Canvas;
    canvas.Clear(accent);
    using var shield = Shield(centerX: 96, top: 36, height: 120);
    using var fill = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Fill };
    canvas.DrawPath(shield, fill);
    using var check = CheckMark(centerX: 96, top: 36, height: 120);
    using var stroke = new SKPaint
    {
        Color = accent, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 12,
        StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
    };
    canvas.DrawPath(check, stroke);
    Save(surface, Path.Combine(output, "color.png"));
}

// Outline icon: white shield outline and check mark on transparent, nothing but white in any pixel.
using (var surface = SKSurface.Create(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
{
    var canvas = surface.Canvas;
    canvas.Clear(SKColors.Transparent);
    using var shield = Shield(centerX: 16, top: 3, height: 26);
    using var check = CheckMark(centerX: 16, top: 3, height: 26);
    using var stroke = new SKPaint
    {
        Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2,
        StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
    };
    canvas.DrawPath(shield, stroke);
    canvas.DrawPath(check, stroke);
    Save(surface, Path.Combine(output, "outline.png"));
}

// A heraldic shield in a 100×100 design box (flat shoulders, point at the bottom), scaled to height.
static SKPath Shield(float centerX, float top, float height)
{
    var s = height / 80f;
    SKPoint P(float x, float y) => new(centerX + ((x - 50) * s), top + ((y - 12) * s));
    var path = new SKPath();
    path.MoveTo(P(50, 12));
    path.CubicTo(P(60, 19), P(72, 22), P(84, 22));
    path.LineTo(P(84, 48));
    path.CubicTo(P(84, 70), P(68, 84), P(50, 92));
    path.CubicTo(P(32, 84), P(16, 70), P(16, 48));
    path.LineTo(P(16, 22));
    path.CubicTo(P(28, 22), P(40, 19), P(50, 12));
    path.Close();
    return path;
}

static SKPath CheckMark(float centerX, float top, float height)
{
    var s = height / 80f;
    SKPoint P(float x, float y) => new(centerX + ((x - 50) * s), top + ((y - 12) * s));
    var path = new SKPath();
    path.MoveTo(P(35, 51));
    path.LineTo(P(46, 62));
    path.LineTo(P(66, 40));
    return path;
}

static void Save(SKSurface surface, string file)
{
    using var image = surface.Snapshot();
    using var data = image.Encode(SKEncodedImageFormat.Png, 100);
    using var stream = File.Create(file);
    data.SaveTo(stream);
    Console.WriteLine($"wrote {file} ({image.Width}×{image.Height})");
}
