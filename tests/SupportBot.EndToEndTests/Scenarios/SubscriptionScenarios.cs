using System.Text.Json.Nodes;
using SupportBot.EndToEndTests.Harness;
using SupportBot.Testing;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Subscriptions to guidance updates (issue 21, Done when): a person subscribes; the bot restarts with one changed
/// checklist item (an override of checklists.json, <c>Content:OverrideDirectory</c>); the person gets one digest card
/// naming it, not a second after another restart, and a second bot instance on the same storage sends nothing more.
/// </summary>
public sealed class SubscriptionScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    private const string OverrideKey = "Content__OverrideDirectory";
    private const string DigestTitle = "Råden har uppdaterats";
    private const string ChangeNote = "Spara också länken till inlägget, inte bara en skärmdump.";

    [Fact]
    public Task Subscriber_GetsOneDigestForAChangedChecklistItem_AcrossRestartsAndASecondInstance() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");

        var confirmed = await chat.SendAsync("prenumerera");
        Assert.Contains("du prenumererar nu på uppdateringar", confirmed.Text, StringComparison.Ordinal);

        var (directory, itemText) = WriteChangedChecklist();
        try
        {
            Teams.Bot.SetEnvironment(OverrideKey, directory);
            await Teams.RestartBotAsync();

            var digest = await chat.WaitForBotMessageAsync(DigestTitle);
            Assert.Contains("• " + itemText, digest.CardLines);
            Assert.Contains(digest.CardLines, l => l.Contains(ChangeNote, StringComparison.Ordinal));
            Assert.Contains(digest.Buttons, b => b.StartsWith("Öppna Sociala medier", StringComparison.Ordinal));
            await karin.ScreenshotAsync("subscription-digest-sv", showing: digest);

            // Another restart with the same content, and a second instance on the same storage: nothing more.
            await Teams.RestartBotAsync();
            await using (var second = await Teams.StartSecondBotAsync(new Dictionary<string, string?> { [OverrideKey] = directory }))
            {
                // Its announcement ran at start (logged as counts): it sent nothing.
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!second.Output.Contains("Content digests:", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(20))
                {
                    await Task.Delay(200);
                }

                Assert.Contains("Content digests: 0 sent", second.Output, StringComparison.Ordinal);
            }

            await chat.WaitUntilQuietAsync();
            var digests = (await chat.BotMessagesAsync()).Count(m => m.Shows(DigestTitle));
            Assert.Equal(1, digests);

            // The button opens the checklist that changed.
            var opened = await chat.ClickAsync(digest, digest.Buttons.First(b => b.StartsWith("Öppna Sociala medier", StringComparison.Ordinal)));
            Assert.Contains(itemText, opened.CardLines);
        }
        finally
        {
            Teams.Bot.SetEnvironment(OverrideKey, null);
            await Teams.RestartBotAsync();
            Directory.Delete(directory, recursive: true);
        }
    });

    /// <summary>checklists.json with the first social-media item at version 2 and a change note, in a new directory.</summary>
    private static (string Directory, string ItemText) WriteChangedChecklist()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "dialogs", "content", "checklists.json")))!;
        var item = json["checklists"]!.AsArray().First(c => (string?)c!["id"] == "social-media")!["items"]![0]!.AsObject();
        item["version"] = (int)item["version"]! + 1;
        item["changeNote"] = new JsonObject { ["sv"] = ChangeNote, ["en"] = "Also keep the link to the post, not only a screenshot." };
        var directory = Path.Combine(Path.GetTempPath(), "supportbot-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "checklists.json"), json.ToJsonString());
        return (directory, (string)item["sv"]!);
    }
}
