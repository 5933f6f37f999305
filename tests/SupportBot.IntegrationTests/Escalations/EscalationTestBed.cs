using Microsoft.Bot.Schema;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;
using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.Escalations;

/// <summary>
/// What the escalation tests that build "bot processes" by hand share: the two advisers, SKR's switchboard, office
/// hours in Stockholm and a messenger that delivers everything. Each test class keeps its own adviser ids, so a failing
/// class's rows are easy to tell apart in Azurite.
/// </summary>
internal static class EscalationTestBed
{
    /// <summary>Monday to Friday, 08–17 Stockholm time.</summary>
    public static OfficeCalendar OfficeHours { get; } = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    /// <summary>"safety" (Greta Berg) and "threats-hate-violence" (Anna Lena Pogulis) in SKR's tenant, and SKR's switchboard.</summary>
    public static SupportOptions Support(string safetyAdviserAad, string threatsAdviserAad) => new()
    {
        Advisers =
        [
            new AdviserOptions { Key = "safety", Name = "Greta Berg", Title = "Trygghet", Email = "g@example.org", Phone = "1", AadObjectId = safetyAdviserAad, TenantId = TeamsActivities.AdviserTenantId },
            new AdviserOptions { Key = "threats-hate-violence", Name = "Anna Lena Pogulis", Title = "Hot, hat, våld", Email = "a@example.org", Phone = "2", AadObjectId = threatsAdviserAad, TenantId = TeamsActivities.AdviserTenantId },
        ],
        Switchboard = new SwitchboardOptions { Name = "SKR", FormerName = "SKL", Phone = "08-452 70 00" },
    };

    /// <summary>A messenger whose sends and card updates are all delivered.</summary>
    public static Mock<ITeamsMessenger> DeliveringMessenger()
    {
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        messenger.Setup(m => m.UpdateAsync(It.IsAny<ConversationReference>(), It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(DeliveryResult.Delivered);
        return messenger;
    }
}
