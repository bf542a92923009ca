using System.Net.WebSockets;
using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Tests.OrderBook;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>One client, many connections: placement, independence, idle close, the aggregate state and the health check.</summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task SixStreams_TwoPerConnection_OpenThreePublicSockets_AndAPrivateStreamOneOfItsOwn()
    {
        await using var h = ClientHarness.WithCredentials(o =>
        {
            o.MaxStreamsPerConnection = 2;
            o.DedicatedPrivateConnection = true;
        });
        foreach (var name in new[] { "trade.A", "trade.B", "trade.C", "trade.D", "trade.E", "trade.F", "account.orderUpdate" })
        {
            await h.SubscribeConfirmedAsync(name, "{\"o\":1}");
        }

        var connections = h.Client.Connections;
        Assert.Equal(4, h.Connector.Connections.Count);
        Assert.Equal([1, 2, 3, 4], connections.Select(c => c.Id));
        Assert.Equal([2, 2, 2], connections.Where(c => !c.IsPrivate).Select(c => c.Streams.Count));
        var privateConnection = Assert.Single(connections, c => c.IsPrivate);
        Assert.Equal(["account.orderUpdate"], privateConnection.Streams);
        Assert.All(connections, c => Assert.Equal(BackpackConnectionState.Connected, c.State));
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);

        // Signed on its own socket, and only there.
        var signed = h.Connector.Connections.Select((c, i) => (Index: i, Signed: c.Sent.Any(f => f.Contains("\"signature\"", StringComparison.Ordinal)))).Where(x => x.Signed).ToList();
        Assert.Equal(3, Assert.Single(signed).Index);
    }

    [Fact]
    public async Task HundredConcurrentSubscribes_OverTenStreams_GiveExactlyOneSubscribePerStream_OnOneSocket()
    {
        await using var h = new ClientHarness(o => o.MaxStreamsPerConnection = 4);
        var names = Enumerable.Range(0, 10).Select(i => $"trade.S{i}").ToArray();
        var pending = Enumerable.Range(0, 100).Select(i => Task.Run(() => h.Client.SubscribeAsync(TestStreams.Raw(names[i % 10])))).ToArray();

        // Ten streams at four per connection: three sockets. Answer every stream on the socket its SUBSCRIBE went to.
        var sentOn = new Dictionary<string, List<int>>();
        for (var index = 0; index < 3; index++)
        {
            var connection = await h.Connector.WaitForConnectionAsync(index).OrTimeout();
            var expected = index < 2 ? 4 : 2;
            var seen = 0;
            while (seen < expected)
            {
                foreach (var name in Params(await connection.ReadSentAsync().OrTimeout()))
                {
                    (sentOn.TryGetValue(name, out var list) ? list : sentOn[name] = []).Add(index);
                    connection.PushText(TestStreams.Frame(name, "{\"n\":1}"));
                    seen++;
                }
            }
        }

        var subscriptions = await Task.WhenAll(pending).OrTimeout();
        try
        {
            Assert.Equal(names.Order(), sentOn.Keys.Order());
            Assert.All(sentOn.Values, sockets => Assert.Single(sockets));
            Assert.Equal(3, h.Connector.Connections.Count);
            Assert.All(h.Connector.Connections, c => Assert.False(c.HasUnreadSent));
            Assert.Equal(names.Order(), h.Client.Connections.SelectMany(c => c.Streams).Order());
            Assert.All(subscriptions.GroupBy(s => s.StreamName), g => Assert.Equal(10, g.Count()));
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DropOfOneConnection_ResubscribesOnlyItsStreams_AndResyncsOnlyItsBook()
    {
        var http = new FakeHttpHandler();
        var connector = new FakeWebSocketConnector();
        var time = new ObservableTimeProvider();
        var options = new BackpackStreamClientOptions { Endpoint = new Uri("wss://fake.test"), RestEndpoint = new Uri("https://rest.fake.test"), MaxStreamsPerConnection = 1, ValidateSymbols = false };
        await using var client = new BackpackStreamClient(Microsoft.Extensions.Options.Options.Create(options), connector, time, null, new HttpClient(http));
        var reconnecting = new List<BackpackReconnectingEventArgs>();
        client.Reconnecting += args =>
        {
            lock (reconnecting)
            {
                reconnecting.Add(args);
            }

            return Task.CompletedTask;
        };
        var reconnected = new TaskCompletionSource<BackpackReconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += args =>
        {
            reconnected.TrySetResult(args);
            return Task.CompletedTask;
        };
        await using var bookA = new BackpackOrderBook(client, "AAA_USDC");
        await using var bookB = new BackpackOrderBook(client, "BBB_USDC");
        await SyncAsync(bookA, connector, http, 0);
        await SyncAsync(bookB, connector, http, 1);

        connector.Connections[0].Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var replacement = await connector.WaitForConnectionAsync(2).OrTimeout();
        Assert.Equal(["depth.AAA_USDC"], Params(await replacement.ReadSentAsync().OrTimeout()));
        replacement.PushText(DepthJson.Frame("AAA_USDC", 2001, 2001, [DepthJson.L("99.5", "1")], []));
        var back = await reconnected.Task.OrTimeout();
        await http.NextRequestAsync();
        http.RespondJson(DepthJson.Snapshot(2000, [DepthJson.L("99", "1")], [DepthJson.L("101", "1")]));
        await WaitForAsync(bookA, s => s.State == OrderBookState.Synced && s.LastUpdateId == 2001);

        var lost = Assert.Single(reconnecting);
        Assert.Equal(1, lost.ConnectionId);
        Assert.Equal(["depth.AAA_USDC"], lost.Streams);
        Assert.Equal(1, back.ConnectionId);
        Assert.Equal(["depth.AAA_USDC"], back.ResubscribedStreams);
        Assert.Equal(1, bookA.ResyncCount);

        // The other connection and its book saw nothing: no event, no resync, no new request, still its old socket.
        Assert.Equal(0, bookB.ResyncCount);
        Assert.Equal(OrderBookState.Synced, bookB.State);
        Assert.False(connector.Connections[1].IsAborted);
        Assert.False(connector.Connections[1].HasUnreadSent);
        Assert.Equal([1, 0], client.Connections.Select(c => c.ReconnectCount));
        connector.Connections[1].PushText(DepthJson.Frame("BBB_USDC", 1002, 1002, [DepthJson.L("98", "1")], []));
        await WaitForAsync(bookB, s => s.LastUpdateId == 1002);
        Assert.Equal(0, bookB.ResyncCount);
    }

    [Fact]
    public async Task ReleasingEveryStreamOfAnExtraConnection_ClosesIt_AfterTheIdleDelay_UnlessAStreamReturns()
    {
        await using var h = new ClientHarness(o => o.MaxStreamsPerConnection = 1);
        await h.SubscribeConfirmedAsync("trade.A");
        var (b, _) = await h.SubscribeConfirmedAsync("trade.B");
        var extra = h.Connector.Connections[1];

        await b.DisposeAsync().AsTask().OrTimeout();
        Assert.Equal("UNSUBSCRIBE", JsonDocument.Parse(await extra.ReadSentAsync().OrTimeout()).RootElement.GetProperty("method").GetString());
        await h.Time.WaitForTimerAsync(h.Options.IdleConnectionCloseDelay);
        h.Time.Advance(h.Options.IdleConnectionCloseDelay - TimeSpan.FromTicks(1));
        Assert.Equal(2, h.Client.Connections.Count);

        // A stream placed there before the delay ends keeps it open.
        await h.SubscribeConfirmedAsync("trade.C");
        Assert.Same(extra, h.Connector.Current);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, h.Client.Connections.Count);

        await h.Client.UnsubscribeAsync("trade.C").OrTimeout();
        await h.Time.WaitForTimerAsync(h.Options.IdleConnectionCloseDelay, alreadySeen: 1);
        h.Time.Advance(h.Options.IdleConnectionCloseDelay);
        await WaitUntilAsync(() => h.Client.Connections.Count == 1);

        Assert.Equal(["trade.A"], Assert.Single(h.Client.Connections).Streams);
        await WaitUntilAsync(() => extra.IsAborted);
        Assert.Equal(1, extra.CloseCallCount);
        Assert.False(h.Connector.Connections[0].IsAborted);
    }

    [Fact]
    public async Task State_AggregatesTheConnections_ThroughEveryTransition()
    {
        await using var h = new ClientHarness(o =>
        {
            o.MaxStreamsPerConnection = 1;
            o.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromSeconds(5), giveUpAfter: 1);
        });
        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
        Assert.Empty(h.Client.Connections);

        await h.SubscribeConfirmedAsync("trade.A");
        await h.SubscribeConfirmedAsync("trade.B");
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);

        // One connection reconnecting makes the client Reconnecting; the other is still Connected.
        h.Connector.Connections[1].Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.WaitForEventAsync("Reconnecting");
        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);
        Assert.Equal([BackpackConnectionState.Connected, BackpackConnectionState.Reconnecting], h.Client.Connections.Select(c => c.State));

        // Its reconnect is refused and the policy gives up: that connection is Disconnected with its error, so is the client.
        h.Connector.FailNext(ReconnectTests.Http(503));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => h.Client.State == BackpackConnectionState.Disconnected);
        var gaveUp = h.Client.Connections[1];
        Assert.Equal(BackpackConnectionState.Disconnected, gaveUp.State);
        Assert.NotNull(gaveUp.DisconnectError);
        Assert.Same(gaveUp.DisconnectError, h.Client.DisconnectError);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.Connections[0].State);
        Assert.DoesNotContain("Closed", h.Events);

        // The health check sees the extra connection that gave up.
        var check = new BackpackStreamsHealthCheck(h.Client, [], null, h.Time);
        var health = await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("backpack-streams", check, null, null) });
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("Disconnected", health.Data["connection.2.state"]);
        Assert.Equal("Connected", health.Data["connection.1.state"]);
        Assert.Contains("connection 2 (public) disconnected", health.Description, StringComparison.Ordinal);

        await h.Client.DisposeAsync();
        Assert.Equal(BackpackConnectionState.Closed, h.Client.State);
    }

    [Fact]
    public async Task FirstConnect_FailsFast_ByDefault()
    {
        await using var h = new ClientHarness();
        h.Connector.FailNext(ReconnectTests.Http(503));

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => h.Client.SubscribeAsync(TestStreams.Raw("trade.A")).OrTimeout());

        Assert.Equal((BackpackStreamErrorCode.ConnectionFailed, 503), (error.ErrorCode, error.HttpStatusCode));
        Assert.Equal(1, h.Connector.AttemptCount);
    }

    [Fact]
    public async Task FirstConnect_WithRetryFirstConnect_FollowsTheReconnectPolicy()
    {
        await using var h = new ClientHarness(o =>
        {
            o.RetryFirstConnect = true;
            o.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromSeconds(3));
        });
        h.Connector.FailNext(ReconnectTests.Http(503));
        h.Connector.FailNext(ReconnectTests.Http(502));

        var pending = h.Client.SubscribeAsync(TestStreams.Raw("trade.A"));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3), alreadySeen: 1);
        Assert.False(pending.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(3));
        var connection = await h.Connector.WaitForConnectionAsync(0).OrTimeout();
        Assert.Equal(["trade.A"], Params(await connection.ReadSentAsync().OrTimeout()));
        connection.PushText(TestStreams.Frame("trade.A", "{}"));

        await using var subscription = await pending.OrTimeout();
        Assert.Equal(3, h.Connector.AttemptCount);
        Assert.Equal(2, h.Logs.Entries.Count(e => e.Contains("[FirstConnectRetrying]", StringComparison.Ordinal)));
    }

    private static async Task SyncAsync(BackpackOrderBook book, FakeWebSocketConnector connector, FakeHttpHandler http, int connectionIndex)
    {
        var start = book.StartAsync();
        var connection = await connector.WaitForConnectionAsync(connectionIndex).OrTimeout();
        Assert.Equal([$"depth.{book.Symbol}"], Params(await connection.ReadSentAsync().OrTimeout()));
        connection.PushText(DepthJson.Frame(book.Symbol, 1001, 1001, [DepthJson.L("99.5", "2")], []));
        await http.NextRequestAsync();
        http.RespondJson(DepthJson.Snapshot(1000, [DepthJson.L("99", "1")], [DepthJson.L("101", "3")]));
        await start.OrTimeout();
    }

    private static async Task WaitForAsync(BackpackOrderBook book, Func<OrderBookSnapshot, bool> condition)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var snapshot in book.WatchAsync(int.MaxValue, cts.Token))
        {
            if (condition(snapshot))
            {
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(condition, TestTimeouts.Hang)));

    private static string[] Params(string request) =>
        [.. JsonDocument.Parse(request).RootElement.GetProperty("params").EnumerateArray().Select(p => p.GetString()!)];
}
