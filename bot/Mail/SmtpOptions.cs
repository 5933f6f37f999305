using System.ComponentModel.DataAnnotations;

namespace SupportBot.Bot.Mail;

/// <summary>
/// The SMTP server for e-mail to advisers when Teams cannot reach them. Empty <see cref="Host"/> = no e-mail (the
/// reporter is then told that only Teams was tried).
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string Host { get; set; } = string.Empty;

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be 1–65535.")]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (port 587), <c>SslOnConnect</c> (port 465) or <c>None</c> (a local test server only).</summary>
    [RegularExpression("^(StartTls|SslOnConnect|None)$", ErrorMessage = "Smtp:Security must be StartTls, SslOnConnect or None.")]
    public string Security { get; set; } = "StartTls";

    /// <summary>The sender address, e.g. supportbot@skr.se.</summary>
    public string Sender { get; set; } = string.Empty;

    public string SenderName { get; set; } = "SupportBot";

    public string UserName { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
