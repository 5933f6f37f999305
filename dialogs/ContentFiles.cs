using System.Text.Json.Nodes;

namespace SupportBot.Dialogs;

/// <summary>
/// Reads the data files under <c>dialogs/content/</c>, which are embedded in this assembly. A file with the same name in
/// the override directory (<c>Content:OverrideDirectory</c>, set by the host before any content is read; used by the
/// end-to-end test of changed content) replaces the embedded one.
/// </summary>
internal static class ContentFiles
{
    private const string Prefix = "SupportBot.Dialogs.content.";

    public static JsonObject ReadObject(string fileName)
    {
        var overridden = ContentOverrides.Directory is { Length: > 0 } directory ? Path.Combine(directory, fileName) : null;
        using var stream = overridden is not null && File.Exists(overridden)
            ? File.OpenRead(overridden)
            : typeof(ContentFiles).Assembly.GetManifestResourceStream(Prefix + fileName)
              ?? throw new FileNotFoundException($"Content file '{fileName}' is not embedded.");
        return JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidDataException($"Content file '{fileName}' is not a JSON object.");
    }
}

/// <summary>Where content files that replace the embedded ones are (none unless configured).</summary>
public static class ContentOverrides
{
    public static string? Directory { get; private set; }

    /// <summary>Set once at start, before any content is loaded (content is read once per process).</summary>
    public static void Use(string? directory) => Directory = string.IsNullOrWhiteSpace(directory) ? null : directory;
}
