using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using SupportBot.Bot.Hosting;
using SupportBot.Dialogs.Privacy;

namespace SupportBot.Tests.Privacy;

/// <summary>Pseudonyms keyed with a secret: stable under one key, unlinkable across keys and purposes, never the old unkeyed hash.</summary>
public sealed class PseudonymsTests
{
    private const string PersonId = "3f2c9a1e-7b4d-4e8a-9c61-2d5f0a8b7e43";

    private static readonly string s_key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static Pseudonyms With(string key) => new(Microsoft.Extensions.Options.Options.Create(new PseudonymOptions { PseudonymKey = key }));

    [Fact]
    public void SameIdAndKey_GiveTheSamePseudonym_AcrossInstances()
    {
        Assert.Equal(With(s_key).Erased(PersonId), With(s_key).Erased(PersonId));
        Assert.Equal(With(s_key).AuditActor(PersonId), With(s_key).AuditActor(PersonId));
    }

    [Fact]
    public void PseudonymFormat_KeepsThePrefixes_AndIsLongerThanTheOldUnkeyedHashes()
    {
        // Old rows: "erased:" + 12 hex, "user:" + 16 hex. The length tells a migration which rows are old.
        Assert.Matches("^erased:[0-9a-f]{16}$", With(s_key).Erased(PersonId));
        Assert.Matches("^user:[0-9a-f]{20}$", With(s_key).AuditActor(PersonId));
        Assert.True(ErasedPeople.IsPseudonym(With(s_key).Erased(PersonId)));
    }

    [Fact]
    public void AnotherKey_GivesAnotherPseudonym()
    {
        var other = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(With(s_key).Erased(PersonId), With(other).Erased(PersonId));
        Assert.NotEqual(With(s_key).AuditActor(PersonId), With(other).AuditActor(PersonId));
    }

    [Fact]
    public void AnotherPurpose_GivesAnUnrelatedPseudonym()
    {
        var pseudonyms = With(s_key);
        var erased = pseudonyms.Erased(PersonId)[Pseudonyms.ErasedPrefix.Length..];
        var actor = pseudonyms.AuditActor(PersonId)[Pseudonyms.AuditActorPrefix.Length..];
        Assert.False(actor.StartsWith(erased, StringComparison.Ordinal), "The erasure and audit pseudonyms of one person must not link.");
    }

    [Fact]
    public void AnotherId_GivesAnotherPseudonym() =>
        Assert.NotEqual(With(s_key).Erased(PersonId), With(s_key).Erased("29:" + PersonId));

    [Theory]
    [InlineData(PersonId)]
    [InlineData("29:1a2b3c")]
    [InlineData("00000000-0000-4000-8000-0000000000c1")]
    [InlineData("")]
    public void TheOldUnkeyedSha256_IsNeverProduced(string id)
    {
        // What the bot stored before: SHA-256 with a public "salt" (erasure) or none (audit), which anyone could recompute.
        var oldErased = "erased:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("erased\n" + id)))[..12];
        var oldActor = "user:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        var pseudonyms = With(s_key);
        if (id.Length > 0)
        {
            Assert.NotEqual(oldErased, pseudonyms.Erased(id));
        }

        Assert.NotEqual(oldActor, pseudonyms.AuditActor(id));
    }

    [Theory]
    [InlineData("Production", "", false)]
    [InlineData("Staging", "", false)]
    [InlineData("Development", "", true)]
    [InlineData("Production", "dG9vIHNob3J0", false)]
    [InlineData("Production", "not base64 !", false)]
    [InlineData("Development", "dG9vIHNob3J0", false)]
    public void Options_AtStart_RequireAKeyOfAtLeast32BytesOutsideDevelopment(string environment, string key, bool valid)
    {
        using var provider = Provider(environment, key);
        if (valid)
        {
            Assert.NotNull(provider.GetRequiredService<IOptions<PseudonymOptions>>().Value);
            Assert.Matches("^erased:", provider.GetRequiredService<Pseudonyms>().Erased(PersonId));
        }
        else
        {
            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PseudonymOptions>>().Value);
            Assert.Contains("Privacy:PseudonymKey", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_WithAFullKeyInProduction_Start()
    {
        using var provider = Provider("Production", s_key);
        Assert.Equal(With(s_key).Erased(PersonId), provider.GetRequiredService<Pseudonyms>().Erased(PersonId));
    }

    [Fact]
    public void NoKeyInDevelopment_AKeyOfItsOwnPerProcess()
    {
        using var provider = Provider("Development", string.Empty);
        var pseudonyms = provider.GetRequiredService<Pseudonyms>();
        Assert.Equal(pseudonyms.Erased(PersonId), pseudonyms.Erased(PersonId));
        Assert.NotEqual(With(s_key).Erased(PersonId), pseudonyms.Erased(PersonId));
    }

    /// <summary>The host's own registration (options, validator, pseudonyms) in the given environment.</summary>
    private static ServiceProvider Provider(string environment, string key)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:PseudonymKey"] = key })
            .Build();
        var hostEnvironment = new Mock<IHostEnvironment>();
        hostEnvironment.SetupGet(e => e.EnvironmentName).Returns(environment);
        var services = new ServiceCollection();
        services.AddSingleton(hostEnvironment.Object);
        services.AddSupportBotOptions(configuration);
        services.AddSingleton<Pseudonyms>();
        return services.BuildServiceProvider();
    }
}
