using System.Collections.Concurrent;
using SupportBot.Dialogs.Organisations;
using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.Reliability.BadInput;

/// <summary>
/// One bot host for the whole corpus (started on the first case, on the collection's Azurite) and the tally of what the
/// cases saw; the tally is written as reliability figures when the class is done, since each case is its own test.
/// Every case gets its own tenant, onboarded up front with organisations no other case or test has, so its stored rows
/// are its own; a case with <c>otherCase</c> also gets another tenant and organisation for the case it must not see.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync, which xUnit calls for class fixtures.
public sealed class BadInputHost : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000b1";
    public const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000b2";

    private readonly ConcurrentDictionary<string, BadInputOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BadInputTenancy> _tenancies = new(StringComparer.Ordinal);
    private BotFactory? _factory;
    private HttpClient? _client;

    public HttpClient Client(string connectionString)
    {
        lock (_gate)
        {
            if (_client is null)
            {
                // The advisers write from SKR's tenant, as in production; it is onboarded as theirs.
                var settings = new Dictionary<string, string?>
                {
                    ["Support:Advisers:0:AadObjectId"] = SafetyAdviserAad,
                    ["Support:Advisers:0:TenantId"] = TeamsActivities.AdviserTenantId,
                    ["Support:Advisers:1:AadObjectId"] = ThreatsAdviserAad,
                    ["Support:Advisers:1:TenantId"] = TeamsActivities.AdviserTenantId,
                };
                var index = 0;
                foreach (var testCase in BadInputCorpus.Cases.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
                {
                    var own = Tenant(testCase.Organisations);
                    var other = testCase.IsCrossOrganisation ? Tenant(1) : null;
                    BadInputTenant[] tenants = other is null ? [own] : [own, other];
                    foreach (var tenant in tenants)
                    {
                        settings[$"Support:Tenants:{index}:TenantId"] = tenant.TenantId;
                        for (var i = 0; i < tenant.Organisations.Count; i++)
                        {
                            settings[$"Support:Tenants:{index}:Organisations:{i}"] = tenant.Organisations[i].Code;
                        }

                        index++;
                    }

                    _tenancies[testCase.Id] = new BadInputTenancy(own, other);
                }

                _factory = new BotFactory(connectionString, settings);
                _client = _factory.CreateClient();
            }

            return _client;
        }
    }

    /// <summary>The tenants of a case (after <see cref="Client"/>).</summary>
    public BadInputTenancy Tenancy(string caseId)
    {
        lock (_gate)
        {
            return _tenancies[caseId];
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

    /// <summary>A fresh tenant id with organisations of its own (never the default one other hosts onboard).</summary>
    private static BadInputTenant Tenant(int organisations)
    {
        var list = new List<Organisation>(organisations);
        while (list.Count < organisations)
        {
            var next = TestOrganisations.Next();
            if (next.Code != TestOrganisations.Default.Code)
            {
                list.Add(next);
            }
        }

        return new BadInputTenant(Guid.NewGuid().ToString(), list);
    }
}

/// <param name="TenantId">A tenant id onboarded for this case only.</param>
/// <param name="Organisations">Its organisations (one, unless the case asks for more).</param>
public sealed record BadInputTenant(string TenantId, IReadOnlyList<Organisation> Organisations);

/// <param name="Own">The tenant the case's user writes from.</param>
/// <param name="Other">With <c>otherCase</c>: another onboarded tenant, whose organisation's case the user must not reach.</param>
public sealed record BadInputTenancy(BadInputTenant Own, BadInputTenant? Other);

/// <param name="Id">The case.</param>
/// <param name="Answered500">Any request of the case got a 5xx (HTTP status or an invoke answer's status).</param>
/// <param name="CrossOrganisationRead">A case that tried another organisation's case saw something of it.</param>
public sealed record BadInputOutcome(string Id, bool Answered500, bool CrossOrganisationRead);
