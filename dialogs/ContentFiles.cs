using System.Text.Json.Nodes;

namespace SupportBot.Dialogs;

/// <summary>Reads the data files under <c>dialogs/content/</c>, which are embedded in this assembly.</summary>
internal static class ContentFiles
{
    private const string Prefix = "SupportBot.Dialogs.content.";

    public static JsonObject ReadObject(string fileName)
    {
        using var stream = typeof(ContentFiles).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new FileNotFoundException($"Content file '{fileName}' is not embedded.");
        return JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidDataException($"Content file '{fileName}' is not a JSON object.");
    }
}
