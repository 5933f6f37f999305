using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Bot.Mail;

/// <summary>
/// Sends with MailKit over SMTP. The message holds no personal data — case number, urgency, organisation and "open
/// SupportBot in Teams" — so it can travel by e-mail; the case itself stays in Teams.
/// </summary>
public sealed partial class SmtpAdviserMail(IOptions<SmtpOptions> options, ILogger<SmtpAdviserMail> logger) : IAdviserMail
{
    public async Task<bool> SendAsync(string toAddress, AdviserEmail email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        ArgumentNullException.ThrowIfNull(email);
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            return false;
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.SenderName, smtp.Sender));
        message.To.Add(MailboxAddress.Parse(toAddress));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Body };

        using var client = new SmtpClient();
        try
        {
            var security = smtp.Security switch
            {
                "SslOnConnect" => SecureSocketOptions.SslOnConnect,
                "None" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or AuthenticationException or TimeoutException)
        {
            // The type only: an SMTP error can quote the addresses.
            LogMailFailed(logger, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "E-mail to an adviser could not be sent ({ErrorType})")]
    private static partial void LogMailFailed(ILogger logger, string errorType);
}
