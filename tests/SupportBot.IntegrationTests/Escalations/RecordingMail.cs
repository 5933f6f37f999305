using System.Collections.Concurrent;
using SupportBot.Bot.Mail;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.IntegrationTests.Escalations;

/// <summary>Records the e-mails the outbox would send; <see cref="Accepts"/> says whether the server takes them.</summary>
public sealed class RecordingMail : IAdviserMail
{
    public bool Accepts { get; set; } = true;

    public ConcurrentQueue<(string To, AdviserEmail Email)> Sent { get; } = new();

    public Task<bool> SendAsync(string toAddress, AdviserEmail email, CancellationToken cancellationToken)
    {
        if (Accepts)
        {
            Sent.Enqueue((toAddress, email));
        }

        return Task.FromResult(Accepts);
    }
}
