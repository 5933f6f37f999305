using SupportBot.Bot.Options;

namespace SupportBot.Tests.Options;

public sealed class SupportOptionsValidatorTests
{
    private static readonly SupportOptionsValidator Validator = new(SupportBot.Dialogs.Organisations.OrganisationDirectory.Load());

    private static SupportOptions Valid() => new()
    {
        Advisers =
        [
            new AdviserOptions { Key = "a", Name = "A", Title = "T", Email = "a@example.org", Phone = "1" },
            new AdviserOptions { Key = "b", Name = "B", Title = "T", Email = "b@example.org", Phone = "2" },
        ],
        Switchboard = new SwitchboardOptions { Name = "S", Phone = "0" },
        OfficeHours = new OfficeHoursOptions { TimeZone = "Europe/Stockholm", Days = [DayOfWeek.Monday], Start = new(8, 0), End = new(17, 0) },
    };

    [Fact]
    public void Validate_DefaultsFromTheLetter_Succeed() =>
        Assert.True(Validator.Validate(null, Valid()).Succeeded);

    [Fact]
    public void Validate_DuplicateAdviserKey_Fails()
    {
        var options = Valid();
        options.Advisers[1].Key = "A";
        Assert.False(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EndBeforeStart_Fails()
    {
        var options = Valid();
        options.OfficeHours.End = new TimeOnly(7, 0);
        Assert.False(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_UnknownTimeZone_Fails()
    {
        var options = Valid();
        options.OfficeHours.TimeZone = "Mars/Olympus";
        Assert.False(Validator.Validate(null, options).Succeeded);
    }

    /// <summary>Tenants, managers and advisers' tenants: what an operator may get wrong, and the one line that says so.</summary>
    public static TheoryData<string, Action<SupportOptions>, string?> TenantCases => new()
    {
        { "one tenant, one organisation", o => o.Tenants.Add(Tenant(TestTenants.A, "0380")), null },
        { "a tenant for a municipality and its region", o => o.Tenants.Add(Tenant(TestTenants.A, "0380", "03")), null },
        { "a manager of an onboarded organisation", o => { o.Tenants.Add(Tenant(TestTenants.A, "0380")); o.Managers.Add(Manager(TestTenants.A, "0380")); }, null },
        { "an adviser with an id and a tenant", o => { o.Advisers[0].AadObjectId = "00000000-0000-4000-8000-0000000000a1"; o.Advisers[0].TenantId = TestTenants.Skr; }, null },
        { "an unknown organisation code", o => o.Tenants.Add(Tenant(TestTenants.A, "9999")), "'9999'" },
        { "an organisation name instead of a code", o => o.Tenants.Add(Tenant(TestTenants.A, "Uppsala kommun")), "not a Swedish municipality or region code" },
        { "the same tenant twice", o => { o.Tenants.Add(Tenant(TestTenants.A, "0380")); o.Tenants.Add(Tenant(TestTenants.A.ToUpperInvariant(), "1440")); }, "more than once" },
        { "a tenant id that is no GUID", o => o.Tenants.Add(Tenant("contoso.onmicrosoft.com", "0380")), "not a GUID" },
        { "a manager of an organisation not onboarded", o => { o.Tenants.Add(Tenant(TestTenants.A, "0380")); o.Managers.Add(Manager(TestTenants.A, "1480")); }, "not onboarded" },
        { "a manager in a tenant that never joined", o => { o.Tenants.Add(Tenant(TestTenants.A, "0380")); o.Managers.Add(Manager(TestTenants.Stranger, "0380")); }, "not onboarded" },
        { "an adviser with an id but no tenant", o => o.Advisers[0].AadObjectId = "00000000-0000-4000-8000-0000000000a1", "no TenantId" },
    };

    [Theory]
    [MemberData(nameof(TenantCases))]
    public void Validate_TenantsManagersAndAdvisers_FailWithOneClearLine(string scenario, Action<SupportOptions> change, string? failure)
    {
        ArgumentNullException.ThrowIfNull(change);
        var options = Valid();
        change(options);

        var result = Validator.Validate(null, options);

        Assert.True(result.Succeeded == (failure is null), scenario + ": " + result.FailureMessage);
        if (failure is not null)
        {
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', result.FailureMessage ?? string.Empty);
        }
    }

    private static TenantOptions Tenant(string id, params string[] codes) => new() { TenantId = id, Organisations = [.. codes] };

    private static ManagerOptions Manager(string tenantId, string code) => new() { AadObjectId = "00000000-0000-4000-8000-000000000020", TenantId = tenantId, Organisation = code };
}
