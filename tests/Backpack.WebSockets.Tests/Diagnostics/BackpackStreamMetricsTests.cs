using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Tests.OrderBook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace Backpack.WebSockets.Tests.Diagnostics;

public class BackpackStreamMetricsTests
{
    private const string TradeFrameData = "{\"e\":\"trade\",\"E\":1,\"s\":\"SOL_USDC\",\"p\":\"1.5\",\"q\":\"2\",\"b\":\"1\",\"a\":\"2\",\"t\":3,\"T\":1,\"m\":true}";

    [Fact]
    public async Task MessagesAndBytes_AreCountedPerStreamType()
    {
        await using var h = new ClientHarness();
        var meter = h.Client.Metrics!.Meter;
        using var messages = new MetricCollector<long>(meter, BackpackStreamMetrics.MessagesReceivedName);
        using var bytes = new MetricCollector<long>(meter, BackpackStreamMetrics.BytesReceivedName);
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        var (depth, _) = await h.SubscribeConfirmedAsync("depth.200ms.SOL_USDC");
        var extra = TestStreams.Frame("trade.SOL_USDC", "{\"n\":12345}");
        h.Connection.PushText(extra);

        // Bytes are recorded after the message count, so waiting on them covers both.
        await bytes.WaitForMeasurementsAsync(3).WaitAsync(TestTimeouts.Hang);

        var expectedTradeBytes = Encoding.UTF8.GetByteCount(TestStreams.Frame("trade.SOL_USDC", "{\"n\":0}")) + Encoding.UTF8.GetByteCount(extra);
        var byType = messages.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags[BackpackStreamDiagnostics.StreamTypeTag]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(2, byType["trade"]);
        Assert.Equal(1, byType["depth"]);
        Assert.Equal(expectedTradeBytes, bytes.GetMeasurementSnapshot().Where(m => m.MatchesTags(new KeyValuePair<string, object?>(BackpackStreamDiagnostics.StreamTypeTag, "trade"))).Sum(m => m.Value));
        Assert.All(messages.GetMeasurementSnapshot(), m => Assert.DoesNotContain(m.Tags, t => t.Key == BackpackStreamDiagnostics.SymbolTag));
        Assert.Equal("{message}", messages.Instrument!.Unit);
        Assert.Equal("By", bytes.Instrument!.Unit);
        await trades.DisposeAsync();
        await depth.DisposeAsync();
    }

    [Fact]
    public async Task ParseFailures_AreCountedForBadEnvelopesAndBadPayloads()
    {
        await using var h = new ClientHarness();
        using var failures = new MetricCollector<long>(h.Client.Metrics!.Meter, BackpackStreamMetrics.ParseFailuresName);
        var pending = h.Client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
        await h.ReadRequestAsync();
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", TradeFrameData));
        await using var trades = await pending.OrTimeout();
        h.Connection.PushText("not json");
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"e\":\"trade\",\"p\":[]}"));
        await failures.WaitForMeasurementsAsync(2).WaitAsync(TestTimeouts.Hang);

        var tags = failures.GetMeasurementSnapshot().Select(m => (string)m.Tags[BackpackStreamDiagnostics.StreamTypeTag]!).Order().ToArray();
        Assert.Equal(["trade", "unknown"], tags);
        Assert.Equal(2, h.Client.ParseFailureCount);
    }

    [Fact]
    public async Task ItemsDropped_AreCountedWithTheStreamType()
    {
        await using var h = new ClientHarness(o => o.StreamCapacity = 1);
        using var dropped = new MetricCollector<long>(h.Client.Metrics!.Meter, BackpackStreamMetrics.ItemsDroppedName);
        var (subscription, _) = await h.SubscribeConfirmedAsync("bookTicker.SOL_USDC");
        for (var i = 1; i <= 3; i++)
        {
            h.Connection.PushText(TestStreams.Frame("bookTicker.SOL_USDC", $"{{\"n\":{i}}}"));
        }

        await dropped.WaitForMeasurementsAsync(3).WaitAsync(TestTimeouts.Hang);

        Assert.Equal(3, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(dropped.GetMeasurementSnapshot(), m => Assert.Equal("bookTicker", m.Tags[BackpackStreamDiagnostics.StreamTypeTag]));
        Assert.Equal(3, subscription.DroppedCount);
    }

    [Fact]
    public async Task ActiveSubscriptionsAndQueueDepth_AreObserved()
    {
        await using var h = new ClientHarness();
        var meter = h.Client.Metrics!.Meter;
        using var failures = new MetricCollector<long>(meter, BackpackStreamMetrics.ParseFailuresName);
        using var active = new MetricCollector<int>(meter, BackpackStreamMetrics.ActiveSubscriptionsName);
        using var depth = new MetricCollector<long>(meter, BackpackStreamMetrics.QueueDepthName);
        var (first, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        var (second, _) = await h.SubscribeConfirmedAsync("ticker.SOL_USDC");
        var shared = await h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")).OrTimeout();
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"n\":1}"));
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"n\":2}"));

        // The receive loop handles frames in order: once this bad frame is counted, the two before it were delivered.
        h.Connection.PushText("not json");
        await failures.WaitForMeasurementsAsync(1).WaitAsync(TestTimeouts.Hang);

        active.RecordObservableInstruments();
        depth.RecordObservableInstruments();

        // Two server subscriptions; buffered: trade first consumer 3, shared consumer 2, ticker 1.
        Assert.Equal(2, active.LastMeasurement!.Value);
        Assert.Equal(6, depth.LastMeasurement!.Value);

        await second.DisposeAsync().OrTimeout();
        active.RecordObservableInstruments();
        Assert.Equal(1, active.LastMeasurement!.Value);
        await first.DisposeAsync();
        await shared.DisposeAsync();
    }

    [Fact]
    public void RecordReconnectResubscribeAndResync_AddToTheirCounters()
    {
        using var metrics = new BackpackStreamMetrics(null, () => 0, () => 0);
        using var reconnects = new MetricCollector<long>(metrics.Meter, BackpackStreamMetrics.ReconnectsName);
        using var resubscribes = new MetricCollector<long>(metrics.Meter, BackpackStreamMetrics.ResubscribesName);
        using var resyncs = new MetricCollector<long>(metrics.Meter, BackpackStreamMetrics.ResyncsName);

        metrics.RecordReconnect();
        metrics.RecordReconnect();
        metrics.RecordResubscribe("depth");
        metrics.RecordResync("SOL_USDC");

        Assert.Equal(2, reconnects.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal("depth", resubscribes.LastMeasurement!.Tags[BackpackStreamDiagnostics.StreamTypeTag]);
        Assert.Equal("SOL_USDC", resyncs.LastMeasurement!.Tags[BackpackStreamDiagnostics.SymbolTag]);
    }

    [Fact]
    public async Task RealDrop_RecordsOneReconnect_AndOneResubscribePerLiveStreamWithItsType()
    {
        await using var h = ClientHarness.WithCredentials();
        var meter = h.Client.Metrics!.Meter;
        using var reconnects = new MetricCollector<long>(meter, BackpackStreamMetrics.ReconnectsName);
        using var resubscribes = new MetricCollector<long>(meter, BackpackStreamMetrics.ResubscribesName);
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        await h.SubscribeConfirmedAsync("depth.200ms.SOL_USDC");
        await h.SubscribeConfirmedAsync("account.orderUpdate", "{\"o\":0}");

        // A second consumer of a stream shares its server subscription: still one resubscribe for it.
        await using var shared = await h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")).OrTimeout();

        // A stream released before the drop is not resubscribed, so it is not counted.
        var (released, _) = await h.SubscribeConfirmedAsync("ticker.SOL_USDC");
        await released.DisposeAsync();
        Assert.Contains("UNSUBSCRIBE", await h.Connection.ReadSentAsync().OrTimeout());
        Assert.Empty(reconnects.GetMeasurementSnapshot());

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await ReconnectTests.AnswerResubscribesAsync(h, 3);
        await h.WaitForEventAsync("Reconnected");

        var reconnect = Assert.Single(reconnects.GetMeasurementSnapshot());
        Assert.Equal(1, reconnect.Value);
        Assert.Empty(reconnect.Tags);
        var resubscribed = resubscribes.GetMeasurementSnapshot();
        Assert.All(resubscribed, m => Assert.Equal(1, m.Value));
        Assert.Equal(
            ["account.orderUpdate", "depth", "trade"],
            resubscribed.Select(m => (string)m.Tags[BackpackStreamDiagnostics.StreamTypeTag]!).Order().ToArray());
        Assert.Equal(1, h.LastReconnected!.Attempts);
    }

    [Fact]
    public async Task FailedReconnectAttempts_AreNotCounted_OnlyTheOneThatSucceeds()
    {
        await using var h = new ClientHarness(o =>
        {
            o.ReconnectPolicy = new Backpack.WebSockets.Connections.DefaultReconnectPolicy(() => 0.5);

            // Not 1 s, so the only 1 s timer is the backoff before the second attempt.
            o.SubscribeErrorWindow = TimeSpan.FromSeconds(7);
        });
        using var reconnects = new MetricCollector<long>(h.Client.Metrics!.Meter, BackpackStreamMetrics.ReconnectsName);
        using var resubscribes = new MetricCollector<long>(h.Client.Metrics!.Meter, BackpackStreamMetrics.ResubscribesName);
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connector.FailNext(new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, "HTTP 503") { HttpStatusCode = 503 });

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await ReconnectTests.AnswerResubscribesAsync(h, 1);
        await h.WaitForEventAsync("Reconnected");

        Assert.Equal(2, h.LastReconnected!.Attempts);
        Assert.Equal(1, Assert.Single(reconnects.GetMeasurementSnapshot()).Value);
        Assert.Equal("trade", Assert.Single(resubscribes.GetMeasurementSnapshot()).Tags[BackpackStreamDiagnostics.StreamTypeTag]);
    }

    [Fact]
    public async Task OrderBookGap_RecordsOneResyncWithTheSymbol()
    {
        await using var h = new BookHarness();
        using var resyncs = new MetricCollector<long>(h.Client.Metrics!.Meter, BackpackStreamMetrics.ResyncsName);
        await h.StartSyncedAsync();

        // The first sync is not a resync.
        Assert.Empty(resyncs.GetMeasurementSnapshot());
        h.PushDiff(1005, 1005, [DepthJson.L("99.7", "1")], []);
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);

        var resync = Assert.Single(resyncs.GetMeasurementSnapshot());
        Assert.Equal(1, resync.Value);
        Assert.Equal(BookHarness.Symbol, resync.Tags[BackpackStreamDiagnostics.SymbolTag]);
        Assert.Equal(h.Book.ResyncCount, resyncs.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task DropUnderAnOrderBook_RecordsOneReconnect_OneDepthResubscribe_AndOneResyncOfTheSymbol()
    {
        await using var h = new BookHarness();
        var meter = h.Client.Metrics!.Meter;
        using var reconnects = new MetricCollector<long>(meter, BackpackStreamMetrics.ReconnectsName);
        using var resubscribes = new MetricCollector<long>(meter, BackpackStreamMetrics.ResubscribesName);
        using var resyncs = new MetricCollector<long>(meter, BackpackStreamMetrics.ResyncsName);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await h.StartSyncedAsync();

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var connection = await h.Connector.WaitForConnectionAsync(1);
        Assert.Contains("depth.SOL_USDC", await connection.ReadSentAsync());
        connection.PushText(DepthJson.Frame(BookHarness.Symbol, 1100, 1100, [DepthJson.L("99.1", "1")], []));
        await reconnected.Task.OrTimeout();

        // The book learns of the loss in band, at the marker before the new connection's first update.
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);
        Assert.Equal(1, Assert.Single(reconnects.GetMeasurementSnapshot()).Value);
        Assert.Equal("depth", Assert.Single(resubscribes.GetMeasurementSnapshot()).Tags[BackpackStreamDiagnostics.StreamTypeTag]);
        var resync = Assert.Single(resyncs.GetMeasurementSnapshot());
        Assert.Equal(BookHarness.Symbol, resync.Tags[BackpackStreamDiagnostics.SymbolTag]);
        Assert.Equal(1, h.Book.ResyncCount);
    }

    [Fact]
    public async Task MeterFactory_FromTheContainer_OwnsTheMeter()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddBackpackStreams(_ => { });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();

        var client = provider.GetRequiredService<BackpackStreamClient>();

        var meter = client.Metrics!.Meter;
        Assert.Equal(BackpackStreamDiagnostics.MeterName, meter.Name);
        Assert.Same(factory.Create(new MeterOptions(BackpackStreamDiagnostics.MeterName) { Version = meter.Version }), meter);
    }

    [Fact]
    public async Task DisposedClient_DisposesItsOwnMeter()
    {
        var h = new ClientHarness();
        using var active = new MetricCollector<int>(h.Client.Metrics!.Meter, BackpackStreamMetrics.ActiveSubscriptionsName);
        active.RecordObservableInstruments();
        Assert.Single(active.GetMeasurementSnapshot());

        await h.DisposeAsync();
        active.RecordObservableInstruments();

        // A disposed meter's instruments are no longer observed.
        Assert.Single(active.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData("trade.SOL_USDC", "trade")]
    [InlineData("depth.SOL_USDC", "depth")]
    [InlineData("depth.1000ms.SOL_USDC", "depth")]
    [InlineData("kline.1m.SPCX.US_USDC", "kline")]
    [InlineData("bookTicker.SPCX.US_USDC", "bookTicker")]
    [InlineData("liquidation", "liquidation")]
    [InlineData("account.orderUpdate", "account.orderUpdate")]
    [InlineData("account.orderUpdate.SOL_USDC", "account.orderUpdate")]
    [InlineData("account.balanceUpdate", "account.balanceUpdate")]
    [InlineData("somethingNew.SOL_USDC", "somethingNew")]
    public void StreamTypeOf_DropsSymbolAndInterval(string name, string expected)
    {
        Assert.Equal(expected, Backpack.WebSockets.Streams.StreamNames.StreamTypeOf(name));
    }

    [Fact]
    public async Task AccountReconciliations_AreCounted_WithTheChangesTheyFound()
    {
        await using var h = new ClientHarness();
        var meter = h.Client.Metrics!.Meter;
        using var reconciliations = new MetricCollector<long>(meter, BackpackStreamMetrics.ReconciliationsName);
        using var changes = new MetricCollector<long>(meter, BackpackStreamMetrics.ReconciliationChangesName);
        Backpack.WebSockets.Account.IAccountFeed feed = h.Client;

        feed.OnReconciled(3);
        feed.OnReconciled(0);

        Assert.Equal(2, reconciliations.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(3, changes.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
