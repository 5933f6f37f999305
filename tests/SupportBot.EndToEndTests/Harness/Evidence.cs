using SupportBot.Testing;

namespace SupportBot.EndToEndTests.Harness;

/// <summary>
/// Where the end-to-end tests leave what they saw: <c>test-results/</c> at the repository root (git-ignored).
/// Named screenshots go to <c>screenshots/</c>; a failed scenario leaves a folder under <c>failures/</c>.
/// </summary>
public static class Evidence
{
    public static string Root => Path.Combine(RepoPaths.Root, "test-results");

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Root, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Safe(name) + ".png");
    }

    public static string FailureFolder(string scenario)
    {
        var folder = Path.Combine(Root, "failures", Safe(scenario));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
}
