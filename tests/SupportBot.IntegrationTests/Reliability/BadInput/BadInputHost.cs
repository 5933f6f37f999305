using System.Collections.Concurrent;
using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.Reliability.BadInput;

/// <summary>
/// One bot host for the whole corpus (started on the first case, on the collection's Azurite) and the tally of what the
/// cases saw; the tally is written as reliability figures when the class is done, since each case is its own test.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync, which xUnit calls for class fixtures.
public sealed class BadInputHost : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000b1";
    public const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000b2";

    private readonly ConcurrentDictionary<string, BadInputOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private BotFactory? _factory;
    private HttpClient? _client;

    public HttpClient Client(string connectionString)
    {
        lock (_gate)
        {
            if (_client is null)
            {
                _factory = new BotFactory(connectionString, new Dictionary<string, string?>
                {
                    ["Support:Advisers:0:AadObjectId"] = SafetyAdviserAad,
                    ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
                    ["Support:Advisers:1:AadObjectId"] = ThreatsAdviserAad,
                    ["Support:Advisers:1:TenantId"] = TeamsActivities.TenantId,
                });
                _client = _factory.CreateClient();
            }

            return _client;
        }
    }

    public void Record(BadInputOutcome outcome) => _outcomes[outcome.Id] = outcome;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!_outcomes.IsEmpty)
        {
            var outcomes = _outcomes.Values.ToList();
            ReliabilityFigures.Record("bad inputs tried", outcomes.Count);
            ReliabilityFigures.Record("bad inputs answered 500", outcomes.Count(o => o.Answered500), required: 0);
            ReliabilityFigures.Record("cross-organisation reads in bad inputs", outcomes.Count(o => o.CrossOrganisationRead), required: 0);
        }

        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <param name="Id">The case.</param>
/// <param name="Answered500">Any request of the case got a 5xx (HTTP status or an invoke answer's status).</param>
/// <param name="CrossOrganisationRead">A case that tried another organisation's case saw something of it.</param>
public sealed record BadInputOutcome(string Id, bool Answered500, bool CrossOrganisationRead);
