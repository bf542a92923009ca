using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;
using Xunit.Abstractions;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>Reconnects of the real client, on a real <c>ClientWebSocket</c>, against the fake exchange's faults.</summary>
public sealed class ReconnectLoopbackTests : IAsyncLifetime
{
    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey });
    private readonly ITestOutputHelper _output;

    public ReconnectLoopbackTests(ITestOutputHelper output) => _output = output;

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwentyAbruptDrops_EverySubscriptionIsRestored_PrivateOnesVerified_AndTheSameForeachGoesOn()
    {
        const int Drops = 20;
        await using var client = CreateClient(o => o.ApiSecret = TestKeys.SecretSeed);
        var events = new EventLog(client);
        var tradesPending = client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
        var ordersPending = client.SubscribeAsync(BackpackStreams.OrderUpdates());
        await PublishWhenSubscribedAsync(0);
        await using var trades = await tradesPending.OrTimeout();
        await using var orders = await ordersPending.OrTimeout();
        await using var tradeReader = trades.GetAsyncEnumerator();
        await using var orderReader = orders.GetAsyncEnumerator();
        Assert.Equal(0, (await tradeReader.NextAsync()).TradeId);
        Assert.Equal(0, (await orderReader.NextAsync()).OrderId);

        var timings = new List<double>();
        var attempts = new List<int>();
        for (var drop = 1; drop <= Drops; drop++)
        {
            var stopwatch = Stopwatch.StartNew();
            _server.DropAllConnections();
            await PublishWhenSubscribedAsync(drop);
            Assert.Equal(drop, (await tradeReader.NextAsync()).TradeId);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.Equal(drop, (await orderReader.NextAsync()).OrderId);

            // Two sockets come back each time: the public one and the dedicated private one.
            var reconnected = await events.WaitForAsync("Reconnected", 2 * drop);
            attempts.Add(reconnected!.Attempts);
        }

        Assert.Equal(BackpackConnectionState.Connected, client.State);
        Assert.Equal(2 * (Drops + 1), _server.TotalConnectionCount);
        Assert.Equal(2 * Drops, events.Count("Reconnecting"));
        Assert.Equal(0, events.Count("Closed"));
        var privateSubscribes = _server.Requests.Where(r => r.IsSubscribe("account.orderUpdate")).ToList();
        Assert.Equal(Drops + 1, privateSubscribes.Count);
        Assert.All(privateSubscribes, r => Assert.True(r.HasSignature && r.ErrorCode is null, r.ToString()));
        Assert.Equal(Drops + 1, privateSubscribes.Select(r => r.ConnectionId).Distinct().Count());

        // The private stream never shared a socket with the public one.
        var tradeConnections = _server.Requests.Where(r => r.IsSubscribe("trade.SOL_USDC")).Select(r => r.ConnectionId).ToHashSet();
        Assert.DoesNotContain(privateSubscribes, r => tradeConnections.Contains(r.ConnectionId));
        _output.WriteLine("Drop to next trade, in order (ms): " + string.Join(", ", timings.Select(t => t.ToString("F1", CultureInfo.InvariantCulture))));
        timings.Sort();
        _output.WriteLine(FormattableString.Invariant(
            $"Drop to next trade on loopback over {Drops} drops: median {timings[Drops / 2]:F1} ms, min {timings[0]:F1} ms, max {timings[^1]:F1} ms; attempts per reconnect: {string.Join(",", attempts)}."));
    }

    [Fact]
    public async Task ServerCloseFrame_ReconnectsAtOnce_EvenWhenThePolicyWouldWaitAMinute()
    {
        var policy = new RecordingPolicy(TimeSpan.FromMinutes(1));
        await using var client = CreateClient(o => o.ReconnectPolicy = policy);
        var events = new EventLog(client);
        await using var trades = await SubscribeTradesAsync(client);
        await using var reader = trades.GetAsyncEnumerator();
        Assert.Equal(1, (await reader.NextAsync()).TradeId);

        await _server.CloseAllConnectionsAsync(WebSocketCloseStatus.EndpointUnavailable, "restarting");

        // The old connection holds its subscription until the client answers the Close: wait until only the new one is left.
        await _server.WaitUntilAsync(() => _server.TotalConnectionCount == 2 && _server.ConnectionCount == 1).OrTimeout();
        await PublishTradeWhenSubscribedAsync(2);

        Assert.Equal(2, (await reader.NextAsync()).TradeId);
        var reconnected = await events.WaitForAsync("Reconnected", 1);
        Assert.Equal(1, reconnected!.Attempts);
        Assert.Equal(["trade.SOL_USDC"], reconnected.ResubscribedStreams);
        Assert.Contains("restarting", Assert.Single(policy.Reasons).Message);
        Assert.Equal(2, _server.TotalConnectionCount);
    }

    [Fact]
    public async Task TwoRejectedHandshakes503_ThenSuccess()
    {
        var policy = new RecordingPolicy(TimeSpan.Zero);
        await using var client = CreateClient(o => o.ReconnectPolicy = policy);
        var events = new EventLog(client);
        await using var trades = await SubscribeTradesAsync(client);
        await using var reader = trades.GetAsyncEnumerator();
        Assert.Equal(1, (await reader.NextAsync()).TradeId);

        _server.RejectNextHandshakes(2, 503);
        _server.DropAllConnections();
        await PublishTradeWhenSubscribedAsync(2);

        Assert.Equal(2, (await reader.NextAsync()).TradeId);
        var reconnected = await events.WaitForAsync("Reconnected", 1);
        Assert.Equal(3, reconnected!.Attempts);
        Assert.Equal([null, 503, 503], policy.Reasons.Select(r => (r as BackpackStreamException)?.HttpStatusCode));
        Assert.Equal(2, _server.TotalConnectionCount);
    }

    [Fact]
    public async Task RejectedHandshake429_WaitsForItsRetryAfter()
    {
        await using var client = CreateClient(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.Zero));
        var events = new EventLog(client);
        await using var trades = await SubscribeTradesAsync(client);

        _server.RejectNextHandshakes(1, 429, TimeSpan.FromSeconds(1));
        _server.DropAllConnections();
        await PublishTradeWhenSubscribedAsync(2);
        var reconnected = await events.WaitForAsync("Reconnected", 1);

        Assert.Equal(2, reconnected!.Attempts);
        Assert.True(reconnected.Downtime >= TimeSpan.FromSeconds(1), reconnected.Downtime.ToString());
    }

    [Fact]
    public async Task StalledTradeConsumer_While100000TradesFlow_LosesOnlyItsOwnOldestTrades_AndThePrivateStreamGetsEveryFrame()
    {
        const int Trades = 100_000;
        const int OrdersEvery = 100;
        await using var client = CreateClient(o => o.ApiSecret = TestKeys.SecretSeed);
        var tradesPending = client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
        var ordersPending = client.SubscribeAsync(BackpackStreams.OrderUpdates());
        await PublishWhenSubscribedAsync(0);
        await using var trades = await tradesPending.OrTimeout();
        await using var orders = await ordersPending.OrTimeout();
        var lastOrderId = Trades / OrdersEvery;
        var reading = Task.Run(async () =>
        {
            var ids = new List<long>();
            await foreach (var order in orders)
            {
                ids.Add(order.OrderId);
                if (order.OrderId == lastOrderId)
                {
                    break;
                }
            }

            return ids;
        });

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 1; i <= Trades; i++)
        {
            await _server.PublishAsync("trade.SOL_USDC", TradeJson(i));
            if (i % OrdersEvery == 0)
            {
                await _server.PublishAsync("account.orderUpdate", OrderJson(i / OrdersEvery));
            }
        }

        var orderIds = await reading.OrTimeout();

        // The private stream has a socket of its own, so its last frame may beat the last trades: wait (bounded) for them.
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(() => trades.DroppedCount + trades.BufferedCount == Trades + 1, TimeSpan.FromSeconds(30))));
        stopwatch.Stop();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = Environment.WorkingSet;

        Assert.Equal(Enumerable.Range(0, lastOrderId + 1).Select(i => (long)i), orderIds);
        Assert.Equal(BackpackConnectionState.Connected, client.State);
        Assert.Equal(client.Options.StreamCapacity, trades.BufferedCount);

        // Every trade reached the consumer's buffer: the ones it holds plus the ones it dropped, nothing else lost.
        Assert.Equal(Trades + 1, trades.DroppedCount + trades.BufferedCount);
        Assert.False(trades.Completion.IsCompleted);
        _output.WriteLine(FormattableString.Invariant(
            $"{Trades} trades + {lastOrderId} orders in {stopwatch.Elapsed.TotalSeconds:F1} s with a stalled trade consumer: managed heap {(memoryAfter - memoryBefore) / 1024.0:F0} KiB growth ({memoryBefore / 1024} -> {memoryAfter / 1024} KiB), working set {(workingSetAfter - workingSetBefore) / 1048576.0:F1} MiB growth."));
    }

    [Fact]
    public async Task SynchronizeClock_LetsPrivateSubscribesThroughWhenTheLocalClockIsOffByMinutes()
    {
        _server.ClockOffset = TimeSpan.FromMinutes(3);
        await using var skewed = CreateClient(o => o.ApiSecret = TestKeys.SecretSeed);
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => skewed.SubscribeAsync(BackpackStreams.BalanceUpdates()).OrTimeout());
        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, error.ErrorCode);

        await using var client = CreateClient(o =>
        {
            o.ApiSecret = TestKeys.SecretSeed;
            o.SynchronizeClock = true;
        });
        var pending = client.SubscribeAsync(BackpackStreams.BalanceUpdates());
        await _server.WaitForSubscriptionAsync("account.balanceUpdate").OrTimeout();
        await _server.PublishAsync("account.balanceUpdate", "{}");

        await using var balances = await pending.OrTimeout();
        Assert.InRange(client.ClockOffset, TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(2));
        var accepted = _server.Requests.Last(r => r.IsSubscribe("account.balanceUpdate"));
        Assert.Null(accepted.ErrorCode);
    }

    [Fact]
    public async Task DisposeAsync_WhileTheServerRefusesEveryHandshake_EndsTheReconnect_AndNoConnectionFollows()
    {
        await using var client = CreateClient(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromMilliseconds(1)));
        var events = new EventLog(client);
        await using var trades = await SubscribeTradesAsync(client);
        _server.RejectNextHandshakes(int.MaxValue, 503);
        _server.DropAllConnections();
        await events.WaitForAsync("Reconnecting", 1);

        await client.DisposeAsync().AsTask().OrTimeout();
        var connectionsAtDispose = _server.TotalConnectionCount;
        var requestsAtDispose = _server.Requests.Count;

        Assert.Equal(BackpackConnectionState.Closed, client.State);
        var error = await Assert.ThrowsAsync<BackpackStreamException>(async () =>
        {
            await foreach (var trade in trades.WithCancellation(new CancellationTokenSource(TestTimeouts.Hang).Token))
            {
                Assert.Equal(1, trade.TradeId);
            }
        });
        Assert.Equal(BackpackStreamErrorCode.ClientClosed, error.ErrorCode);
        _server.RejectNextHandshakes(0, 503);
        await events.WaitForAsync("Closed", 1);
        Assert.Equal(connectionsAtDispose, _server.TotalConnectionCount);
        Assert.Equal(requestsAtDispose, _server.Requests.Count);
        Assert.Equal(1, connectionsAtDispose);
    }

    private BackpackStreamClient CreateClient(Action<BackpackStreamClientOptions>? configure = null)
    {
        // A generous error window: rejections arrive at once on loopback, acceptances are confirmed by the first frame.
        var options = new BackpackStreamClientOptions { Endpoint = _server.WebSocketUri, RestEndpoint = _server.RestUri, SubscribeErrorWindow = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return new BackpackStreamClient(options);
    }

    /// <summary>Subscribes to SOL_USDC trades and confirms the subscription with trade 1 (left unread).</summary>
    private async Task<BackpackSubscription<Trade>> SubscribeTradesAsync(BackpackStreamClient client)
    {
        var pending = client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
        await PublishTradeWhenSubscribedAsync(1);
        return await pending.OrTimeout();
    }

    /// <summary>Publishes trade <paramref name="id"/> and order <paramref name="id"/>, each as soon as the server holds its stream (in either order).</summary>
    private Task PublishWhenSubscribedAsync(int id) => Task.WhenAll(
        PublishTradeWhenSubscribedAsync(id),
        PublishWhenSubscribedAsync("account.orderUpdate", OrderJson(id)));

    private Task PublishTradeWhenSubscribedAsync(int id) => PublishWhenSubscribedAsync("trade.SOL_USDC", TradeJson(id));

    private async Task PublishWhenSubscribedAsync(string stream, string json)
    {
        await _server.WaitForSubscriptionAsync(stream).OrTimeout();
        Assert.Equal(1, await _server.PublishAsync(stream, json));
    }

    private static string TradeJson(int id) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"E\":1790915531026313,\"T\":1790915531025000,\"a\":\"66605319496\",\"b\":\"66605329178\",\"e\":\"trade\",\"m\":true,\"p\":\"186.42\",\"q\":\"0.5\",\"s\":\"SOL_USDC\",\"t\":{id}}}");

    private static string OrderJson(int id) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"E\":1788368290063153,\"O\":\"USER\",\"Q\":\"20.1520\",\"S\":\"Ask\",\"T\":1788368290062979,\"V\":\"RejectTaker\",\"X\":\"New\",\"Z\":\"0\",\"e\":\"orderAccepted\",\"f\":\"GTC\",\"i\":\"{id}\",\"o\":\"LIMIT\",\"p\":\"1.0076\",\"q\":\"20\",\"r\":false,\"s\":\"USDT_USDC\",\"t\":null,\"y\":true,\"z\":\"0\"}}");

    /// <summary>Records a client's lifecycle events and lets a test wait for the n-th of a kind.</summary>
    private sealed class EventLog
    {
        private readonly List<(string Name, BackpackReconnectedEventArgs? Args)> _events = [];
        private readonly List<(string Name, int Count, TaskCompletionSource<BackpackReconnectedEventArgs?> Signal)> _waiters = [];

        public EventLog(BackpackStreamClient client)
        {
            client.Reconnecting += _ => Record("Reconnecting", null);
            client.Reconnected += args => Record("Reconnected", args);
            client.Closed += _ => Record("Closed", null);
        }

        public int Count(string name)
        {
            lock (_events)
            {
                return _events.Count(e => e.Name == name);
            }
        }

        /// <summary>Completes with the data of the <paramref name="count"/>-th event <paramref name="name"/>.</summary>
        public Task<BackpackReconnectedEventArgs?> WaitForAsync(string name, int count)
        {
            lock (_events)
            {
                var matching = _events.Where(e => e.Name == name).ToList();
                if (matching.Count >= count)
                {
                    return Task.FromResult(matching[count - 1].Args);
                }

                var signal = new TaskCompletionSource<BackpackReconnectedEventArgs?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((name, count, signal));
                return signal.Task.OrTimeout();
            }
        }

        private Task Record(string name, BackpackReconnectedEventArgs? args)
        {
            lock (_events)
            {
                _events.Add((name, args));
                var seen = _events.Count(e => e.Name == name);
                foreach (var waiter in _waiters.Where(w => w.Name == name && w.Count == seen).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Signal.TrySetResult(args);
                }
            }

            return Task.CompletedTask;
        }
    }
}
