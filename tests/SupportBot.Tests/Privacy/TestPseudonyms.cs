using SupportBot.Dialogs.Privacy;
using SupportBot.Testing;

namespace SupportBot.Tests.Privacy;

/// <summary>The pseudonyms the bot under test computes: keyed with this run's generated <see cref="TestSecrets.PseudonymKey"/>.</summary>
public static class TestPseudonyms
{
    public static Pseudonyms Instance { get; } = new(Microsoft.Extensions.Options.Options.Create(new PseudonymOptions { PseudonymKey = TestSecrets.PseudonymKey }));
}
