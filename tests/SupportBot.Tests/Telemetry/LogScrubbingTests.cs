using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using SupportBot.Bot.Telemetry;

namespace SupportBot.Tests.Telemetry;

/// <summary>What an exporter receives after <see cref="LogScrubbing"/>: no exception message, ids as HMACs, activity types clamped.</summary>
public sealed class LogScrubbingTests
{
    private static readonly string s_key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private sealed record Exported(Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> Attributes);

    private sealed class Capture : BaseExporter<LogRecord>
    {
        public List<Exported> Records { get; } = [];

        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                Records.Add(new Exported(record.Exception, record.Attributes?.ToList() ?? []));
            }

            return ExportResult.Success;
        }
    }

    private static (ILogger Logger, Capture Capture, ILoggerFactory Factory) Logger(string key = "")
    {
        var capture = new Capture();
        var scrubbing = new LogScrubbing(new TelemetryPseudonyms(Microsoft.Extensions.Options.Options.Create(new TelemetryOptions { HmacKey = key })));
        var factory = LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
        {
            o.AddProcessor(scrubbing);
            o.AddProcessor(new SimpleLogRecordExportProcessor(capture));
        }));
        return (factory.CreateLogger("test"), capture, factory);
    }

    [Fact]
    public void OnEnd_ExceptionWithAValueInItsMessage_ExportedAsTypesAndStackOnly()
    {
        var (logger, capture, factory) = Logger();
        using (factory)
        {
            Exception thrown;
            try
            {
                try
                {
                    throw new InvalidOperationException("Kim Testsson, kim@example.se");
                }
                catch (InvalidOperationException inner)
                {
                    throw new HttpRequestException("PartitionKey='exempelby-kommun'", inner);
                }
            }
            catch (HttpRequestException ex)
            {
                thrown = ex;
            }

#pragma warning disable CA1848, CA2254, CA1873 // a plain call is what the test needs
            logger.LogError(thrown, "Turn failed");
#pragma warning restore CA1848, CA2254, CA1873
        }

        var exported = Assert.Single(capture.Records).Exception!;
        var text = exported.ToString() + exported.Message + exported.StackTrace;
        Assert.Contains("System.Net.Http.HttpRequestException", text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", text, StringComparison.Ordinal);
        Assert.Contains(nameof(OnEnd_ExceptionWithAValueInItsMessage_ExportedAsTypesAndStackOnly), text, StringComparison.Ordinal);
        foreach (var value in (string[])["Kim", "example.se", "exempelby"])
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ConversationId", "a:1x-personal-chat")]
    [InlineData("CaseNumber", "HH-2026-0042")]
    [InlineData("UserId", "29:user-1")]
    public void OnEnd_IdAttribute_ExportedAsTheSameHmacEachTime(string attribute, string id)
    {
        var (logger, capture, factory) = Logger(s_key);
        using (factory)
        {
#pragma warning disable CA1848, CA2254, CA1873
            logger.LogInformation("Something in {" + attribute + "}", id);
            logger.LogInformation("Something in {" + attribute + "}", id);
#pragma warning restore CA1848, CA2254, CA1873
        }

        var values = capture.Records.Select(r => r.Attributes.Single(a => a.Key == attribute).Value as string).ToList();
        Assert.All(values, v => Assert.StartsWith("h:", v, StringComparison.Ordinal));
        Assert.All(values, v => Assert.DoesNotContain(id, v!, StringComparison.Ordinal));
        Assert.Equal(values[0], values[1]);
        Assert.Equal(new TelemetryPseudonyms(Microsoft.Extensions.Options.Options.Create(new TelemetryOptions { HmacKey = s_key })).Of(id), values[0]);
    }

    [Theory]
    [InlineData("message", "message")]
    [InlineData("invoke", "invoke")]
    [InlineData("Kim Testsson typed this", "other")]
    [InlineData("", "other")]
    public void OnEnd_ActivityType_ClampedToKnownTypes(string sent, string exported)
    {
        var (logger, capture, factory) = Logger();
        using (factory)
        {
#pragma warning disable CA1848, CA2254, CA1873
            logger.LogInformation("Duplicate {ActivityType}", sent);
#pragma warning restore CA1848, CA2254, CA1873
        }

        Assert.Equal(exported, Assert.Single(capture.Records).Attributes.Single(a => a.Key == "ActivityType").Value);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("c2hvcnQ=", false)]
    [InlineData("not base64 at all!", false)]
    public void Validate_HmacKey_EmptyOrAtLeast32Bytes(string key, bool valid)
    {
        var full = Convert.ToBase64String(new byte[32]);
        Assert.True(new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { HmacKey = full }).Succeeded);
        Assert.Equal(valid, new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { HmacKey = key }).Succeeded);
    }
}
