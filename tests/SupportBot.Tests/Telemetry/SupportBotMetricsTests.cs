using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Telemetry;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.Testing;

namespace SupportBot.Tests.Telemetry;

/// <summary>The bot's metrics: recorded at the seams (stores, messenger), tags only from closed sets.</summary>
public sealed class SupportBotMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<SupportBotMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    // MeterListener callbacks run on whichever thread records; the test reads snapshots.
    private readonly RecordedCollection<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public SupportBotMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meter: other tests in the process have their own.
            if (instrument.Meter.Name == SupportBotMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
        Metrics = _services.GetRequiredService<SupportBotMetrics>();
    }

    private SupportBotMetrics Metrics { get; }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Add((instrument.Name, value, copy));
    }

    [Theory]
    [InlineData("message", "message")]
    [InlineData("invoke", "invoke")]
    [InlineData("conversationUpdate", "conversationUpdate")]
    [InlineData("installationUpdate", "installationUpdate")]
    [InlineData("Message", "other")]
    [InlineData("greta.berg@skl.se", "other")]
    [InlineData("", "other")]
    [InlineData(null, "other")]
    public void TurnStarted_ActivityType_TagsKnownTypesAndOtherwiseOther(string? type, string expected)
    {
        Metrics.TurnStarted(type);

        var turn = Assert.Single(_measurements);
        Assert.Equal("supportbot.turns", turn.Instrument);
        Assert.Equal(expected, turn.Tags["activity.type"]);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "429")]
    [InlineData(HttpStatusCode.BadGateway, "5xx")]
    [InlineData(HttpStatusCode.InternalServerError, "5xx")]
    [InlineData(HttpStatusCode.Forbidden, "4xx")]
    [InlineData(HttpStatusCode.NotFound, "4xx")]
    public void FailureReason_ConnectorError_IsItsStatusClass(HttpStatusCode status, string expected)
    {
        using var response = new HttpResponseMessage(status);
        var error = new ErrorResponseException("failed") { Response = new Microsoft.Rest.HttpResponseMessageWrapper(response, "{}") };

        Assert.Equal(expected, SupportBotMetrics.FailureReason(error));
    }

    public static TheoryData<Exception, string> OtherFailures() => new()
    {
        { new HttpRequestException("no route"), "network" },
        { new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), "5xx" },
        { new TaskCanceledException(), "timeout" },
        { new TimeoutException(), "timeout" },
        { new Azure.RequestFailedException(503, "Table Storage busy"), "storage" },
        { new InvalidOperationException("Greta Berg"), "other" },
    };

    [Theory]
    [MemberData(nameof(OtherFailures))]
    public void FailureReason_OtherExceptions_AreClassifiedNeverQuoted(Exception exception, string expected)
    {
        Assert.Equal(expected, SupportBotMetrics.FailureReason(exception));
    }

    [Theory]
    [InlineData(Urgency.Akut, "AKUT")]
    [InlineData(Urgency.Hog, "HOG")]
    [InlineData(Urgency.Normal, "NORMAL")]
    [InlineData(Urgency.Forebyggande, "FOREBYGGANDE")]
    public async Task MeteredCaseStore_CaseCreated_CountsTriageCompletedByUrgencyCode(Urgency urgency, string code)
    {
        var inner = new Mock<ICaseStore>();
        inner.Setup(s => s.CreateAsync(It.IsAny<NewCase>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((NewCase c, CancellationToken _) => new CaseRecord("HH-2026-0001", "org", c.OrganisationName, c.ReporterId, c.ReporterName, c.Urgency, c.Answers, c.CreatedAt, CaseStatus.New, c.Language));
        var store = new MeteredCaseStore(inner.Object, Metrics);

        await store.CreateAsync(new NewCase(TestTenants.A, TestTenants.CodeA, TestTenants.NameA, "r1", "Karin Ek", urgency, new Dictionary<string, string>(), DateTimeOffset.UtcNow, "sv"), CancellationToken.None);

        var completed = Assert.Single(_measurements);
        Assert.Equal("supportbot.triages.completed", completed.Instrument);
        Assert.Equal(code, Assert.Single(completed.Tags).Value);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task MeteredEscalationStore_Submit_CountsOnlyNewEscalationsByUrgency(bool isNew, int expected)
    {
        var inner = new Mock<IEscalationStore>();
        inner.Setup(s => s.SubmitAsync(It.IsAny<EscalationRecord>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(isNew);
        var store = new MeteredEscalationStore(inner.Object, Metrics);
        var escalation = new EscalationRecord("HH-2026-0001", "org", "safety", null, "rule", "sv", "en", "r1", DateTimeOffset.UtcNow, EscalationStatus.New) { Urgency = Urgency.Hog };

        Assert.Equal(isNew, await store.SubmitAsync(escalation, ["safety"], CancellationToken.None));

        Assert.Equal(expected, _measurements.Count(m => m.Instrument == "supportbot.escalations" && (string?)m.Tags["urgency"] == "HOG"));
    }

    [Fact]
    public async Task MeteredTeamsMessenger_Delivered_RecordsDurationWithoutFailure()
    {
        var inner = new Mock<ITeamsMessenger>();
        inner.Setup(m => m.SendToPersonAsync("p", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Delivery(DeliveryResult.Delivered));

        await new MeteredTeamsMessenger(inner.Object, Metrics).SendToPersonAsync("p", MessageFactory.Text("x"), CancellationToken.None);

        var duration = Assert.Single(_measurements);
        Assert.Equal("supportbot.notification.duration", duration.Instrument);
        Assert.Equal("send", duration.Tags["operation"]);
        Assert.Equal("delivered", duration.Tags["outcome"]);
    }

    [Fact]
    public async Task MeteredTeamsMessenger_Unreachable_CountsFailureAsUnreachable()
    {
        var inner = new Mock<ITeamsMessenger>();
        inner.Setup(m => m.UpdateAsync(It.IsAny<ConversationReference>(), "1", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(DeliveryResult.Unreachable);

        await new MeteredTeamsMessenger(inner.Object, Metrics).UpdateAsync(new ConversationReference(), "1", MessageFactory.Text("x"), CancellationToken.None);

        var failure = Assert.Single(_measurements, m => m.Instrument == "supportbot.notification.failures");
        Assert.Equal("update", failure.Tags["operation"]);
        Assert.Equal("unreachable", failure.Tags["reason"]);
    }

    [Fact]
    public async Task MeteredTeamsMessenger_TransientError_CountsReasonAndRethrowsForTheOutbox()
    {
        var inner = new Mock<ITeamsMessenger>();
        var error = new HttpRequestException("connection refused");
        inner.Setup(m => m.SendToPersonAsync("p", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ThrowsAsync(error);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => new MeteredTeamsMessenger(inner.Object, Metrics).SendToPersonAsync("p", MessageFactory.Text("x"), CancellationToken.None));

        Assert.Same(error, thrown);
        var failure = Assert.Single(_measurements, m => m.Instrument == "supportbot.notification.failures");
        Assert.Equal("network", failure.Tags["reason"]);
        Assert.Contains(_measurements, m => m.Instrument == "supportbot.notification.duration" && (string?)m.Tags["outcome"] == "failed");
    }

    [Fact]
    public async Task MeteredTeamsMessenger_Shutdown_IsNotAFailure()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var inner = new Mock<ITeamsMessenger>();
        inner.Setup(m => m.SendToPersonAsync("p", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TaskCanceledException());

        await Assert.ThrowsAsync<TaskCanceledException>(() => new MeteredTeamsMessenger(inner.Object, Metrics).SendToPersonAsync("p", MessageFactory.Text("x"), cts.Token));

        Assert.Empty(_measurements);
    }
}
