using SupportBot.Bot.Options;

namespace SupportBot.Tests.Options;

public sealed class SupportOptionsValidatorTests
{
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
        Assert.True(new SupportOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Validate_DuplicateAdviserKey_Fails()
    {
        var options = Valid();
        options.Advisers[1].Key = "A";
        Assert.False(new SupportOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EndBeforeStart_Fails()
    {
        var options = Valid();
        options.OfficeHours.End = new TimeOnly(7, 0);
        Assert.False(new SupportOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_UnknownTimeZone_Fails()
    {
        var options = Valid();
        options.OfficeHours.TimeZone = "Mars/Olympus";
        Assert.False(new SupportOptionsValidator().Validate(null, options).Succeeded);
    }
}
