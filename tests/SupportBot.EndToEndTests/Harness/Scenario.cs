using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using SupportBot.EndToEndTests.Pages;
using SupportBot.Testing;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Harness;

/// <summary>
/// Base of every end-to-end scenario. A scenario signs in as people (<see cref="SignInAsync"/>) and acts through the
/// page objects inside <see cref="RunAsync"/>, which closes their browser windows afterwards and, when a step fails,
/// first saves what each person saw, the Playgrounds' logs and the bot's log under
/// <c>test-results/failures/CLASS.METHOD/</c>.
/// </summary>
[Collection(SharedTeams.Name)]
public abstract class Scenario(TeamsFixture teams, ITestOutputHelper output)
{
    private readonly RecordedCollection<TeamsClient> _clients = new();

    protected TeamsFixture Teams => teams;

    /// <summary>Opens the Teams client in a new browser window as <paramref name="person"/>.</summary>
    /// <param name="person">Usually <see cref="People.Staff"/>, <see cref="People.Adviser"/> or <see cref="People.Manager"/>.</param>
    /// <param name="freshConversations">A Playground whose chats and team are new to the bot, as for a first-time user.</param>
    protected async Task<TeamsClient> SignInAsync(Person person, bool freshConversations = false)
    {
        var client = await teams.SignInAsync(person, freshConversations);
        _clients.Add(client);
        return client;
    }

    /// <summary>Opens a new browser window as the person of <paramref name="earlier"/>, on the same Playground and chats.</summary>
    protected async Task<TeamsClient> SignInAgainAsync(TeamsClient earlier)
    {
        var client = await teams.SignInAgainAsync(earlier);
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// A new Playground for the person of <paramref name="earlier"/> at the same address, whose chats are new: the
    /// chat the bot knew for them is gone (see <see cref="TeamsFixture.ReplaceWithNewChatsAsync"/>). Not opened yet.
    /// </summary>
    protected Task<SupportBot.Testing.Playground> ReplaceWithNewChatsAsync(TeamsClient earlier) => teams.ReplaceWithNewChatsAsync(earlier);

    /// <summary>Opens a browser window on <paramref name="playground"/> as <paramref name="person"/>.</summary>
    protected async Task<TeamsClient> OpenAsync(Person person, SupportBot.Testing.Playground playground)
    {
        var client = await teams.OpenAsync(person, playground);
        _clients.Add(client);
        return client;
    }

    protected async Task RunAsync(Func<Task> steps, [CallerMemberName] string scenario = "")
    {
        ArgumentNullException.ThrowIfNull(steps);
        var name = GetType().Name + "." + scenario;
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            await SaveEvidenceAsync(name, failure);
            throw;
        }
        finally
        {
            foreach (var client in _clients)
            {
                await client.DisposeAsync();
            }

            _clients.Clear();
        }
    }

    private async Task SaveEvidenceAsync(string scenario, Exception failure)
    {
        try
        {
            var folder = Evidence.FailureFolder(scenario);
            await File.WriteAllTextAsync(Path.Combine(folder, "failure.txt"), failure.ToString());
            await File.WriteAllTextAsync(Path.Combine(folder, "bot.log"), teams.BotOutput);
            foreach (var (client, index) in _clients.Select((c, i) => (c, i + 1)))
            {
                var who = $"{index}-{Evidence.Safe(client.Person.Key)}";
                await File.WriteAllTextAsync(Path.Combine(folder, $"playground-{who}.log"), client.Playground.ReadLog());
                try
                {
                    await client.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{who}.png") });
                }
                catch (PlaywrightException ex)
                {
                    // A window the scenario closed on purpose (the person left); the others still count.
                    output.WriteLine($"No screenshot of {client.Person}: {ex.Message}");
                }
            }

            output.WriteLine($"Evidence of the failure: {folder}");
        }
        catch (Exception ex) when (ex is IOException or PlaywrightException or UnauthorizedAccessException)
        {
            output.WriteLine($"Could not save all the evidence: {ex.Message}");
        }
    }
}
