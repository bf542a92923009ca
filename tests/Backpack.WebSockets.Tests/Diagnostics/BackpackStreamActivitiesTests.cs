using System.Collections.Concurrent;
using System.Diagnostics;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Diagnostics;

public sealed class BackpackStreamActivitiesTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public BackpackStreamActivitiesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BackpackStreamDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task ConnectAndSubscribe_EachStartAnActivity()
    {
        await using var h = new ClientHarness(o => o.Endpoint = new Uri("wss://activities-ok.test"));

        var (subscription, _) = await h.SubscribeConfirmedAsync("trade.ACTIVITY_OK");
        await subscription.DisposeAsync();

        // Other tests run in parallel: pick this test's activities by their tags.
        var connect = Assert.Single(_stopped, a => a.OperationName == BackpackStreamActivities.ConnectActivityName && (string?)a.GetTagItem("server.address") == "activities-ok.test");
        var subscribe = Assert.Single(_stopped, a => a.OperationName == BackpackStreamActivities.SubscribeActivityName && (string?)a.GetTagItem("backpack.stream.name") == "trade.ACTIVITY_OK");
        Assert.Equal(ActivityStatusCode.Unset, connect.Status);
        Assert.Equal("trade", subscribe.GetTagItem(BackpackStreamDiagnostics.StreamTypeTag));
        Assert.Equal(ActivityKind.Client, subscribe.Kind);
    }

    [Fact]
    public async Task FailedConnect_MarksItsActivityFailed()
    {
        await using var h = new ClientHarness(o => o.Endpoint = new Uri("wss://activities-fail.test"));
        h.Connector.FailNext(new System.Net.WebSockets.WebSocketException("refused"));

        await Assert.ThrowsAsync<BackpackStreamException>(() => h.Client.ConnectAsync());

        var connect = Assert.Single(_stopped, a => (string?)a.GetTagItem("server.address") == "activities-fail.test");
        Assert.Equal(ActivityStatusCode.Error, connect.Status);
        Assert.Contains("refused", connect.StatusDescription);
    }

    [Fact]
    public async Task RejectedSubscribe_MarksItsActivityFailed()
    {
        await using var h = new ClientHarness(o => o.Endpoint = new Uri("wss://activities-reject.test"));

        var pending = h.Client.SubscribeAsync(TestStreams.Raw("trade.ACTIVITY_REJECTED"));
        await h.ReadRequestAsync();
        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");
        await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
        await h.Client.DisposeAsync();

        var subscribe = Assert.Single(_stopped, a => (string?)a.GetTagItem("backpack.stream.name") == "trade.ACTIVITY_REJECTED");
        Assert.Equal(ActivityStatusCode.Error, subscribe.Status);
        Assert.Contains("4006", subscribe.StatusDescription);
    }

    [Fact]
    public void StartResync_TagsTheSymbol()
    {
        using (var activity = BackpackStreamActivities.StartResync("RESYNC_TEST"))
        {
            Assert.NotNull(activity);
        }

        var resync = Assert.Single(_stopped, a => (string?)a.GetTagItem(BackpackStreamDiagnostics.SymbolTag) == "RESYNC_TEST");
        Assert.Equal(BackpackStreamActivities.ResyncActivityName, resync.OperationName);
    }
}
