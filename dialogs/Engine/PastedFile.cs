using Microsoft.Bot.Schema;

namespace SupportBot.Dialogs.Engine;

/// <summary>
/// Whether a message carries a pasted image or an attached file (a screenshot of a threat, a PDF). Teams sends a pasted
/// image as an <c>image/*</c> attachment (or inline in a <c>text/html</c> one) and a file as a download-info attachment;
/// an ordinary formatted message also carries <c>text/html</c>, without an image, and cards are not files.
/// </summary>
public static class PastedFile
{
    public static bool IsIn(IMessageActivity? activity) =>
        activity?.Attachments?.Any(a => a?.ContentType is { } type && IsFile(type, a.Content)) == true;

    private static bool IsFile(string contentType, object? content) =>
        contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/vnd.microsoft.teams.file", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase)
        || (contentType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && content?.ToString()?.Contains("<img", StringComparison.OrdinalIgnoreCase) == true);
}
