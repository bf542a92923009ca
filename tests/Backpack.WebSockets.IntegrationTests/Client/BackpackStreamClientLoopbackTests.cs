using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>The real client, on a real <c>ClientWebSocket</c>, against the fake exchange on loopback.</summary>
public sealed class BackpackStreamClientLoopbackTests : IAsyncLifetime
{
    private const string OtherSecret = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";

    // RejectUnknownSymbols: UnknownSymbol_FailsWithSubscriptionRejected4006 needs the 4006 the real exchange keeps for unknown types.
    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey, RejectUnknownSymbols = true });

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PublicTrades_FlowFromTheExchangeAsTypedItems()
    {
        await using var client = CreateClient();
        var pending = client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
        await _server.WaitForSubscriptionAsync("trade.SOL_USDC").OrTimeout();

        await _server.PublishAsync("trade.SOL_USDC", "{\"E\":1790915531026313,\"T\":1790915531025000,\"a\":\"66605319496\",\"b\":\"66605329178\",\"e\":\"trade\",\"m\":true,\"p\":\"186.42\",\"q\":\"0.5\",\"s\":\"SOL_USDC\",\"t\":42}");
        await using var trades = await pending.OrTimeout();
        var trade = await FirstAsync(trades);

        Assert.Equal(186.42m, trade.Price);
        Assert.Equal(0.5m, trade.Quantity);
        Assert.Equal(42, trade.TradeId);
        Assert.True(trade.IsBuyerMaker);
        Assert.Equal(BackpackConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task PrivateSubscribe_SignedWithTheRightKey_IsAcceptedByTheExchange()
    {
        var order = await ReceiveSignedAsync(
            BackpackStreams.OrderUpdates(),
            "{\"E\":1788368290063153,\"O\":\"USER\",\"Q\":\"20.1520\",\"S\":\"Ask\",\"T\":1788368290062979,\"V\":\"RejectTaker\",\"X\":\"New\",\"Z\":\"0\",\"e\":\"orderAccepted\",\"f\":\"GTC\",\"i\":\"59887375336\",\"o\":\"LIMIT\",\"p\":\"1.0076\",\"q\":\"20\",\"r\":false,\"s\":\"USDT_USDC\",\"t\":null,\"y\":true,\"z\":\"0\"}");

        Assert.Equal(OrderEventType.OrderAccepted, order.EventType);
        Assert.Equal(59887375336, order.OrderId);
    }

    [Fact]
    public async Task PositionUpdates_SignedSubscribeAccepted_FramesDeliveredTyped()
    {
        var position = await ReceiveSignedAsync(
            BackpackStreams.PositionUpdates("ETH_USDC_PERP"),
            "{\"B\":\"4236.36\",\"E\":1754943862040486,\"M\":\"4235.88650933\",\"P\":\"-0.000473\",\"Q\":\"0.0010\",\"T\":1754943862040487,\"b\":\"4238.479\",\"e\":\"positionOpened\",\"f\":\"0.02\",\"i\":5411399049,\"l\":\"0\",\"m\":\"0.0125\",\"n\":\"4.23588650933\",\"p\":\"0\",\"q\":\"0.0010\",\"s\":\"ETH_USDC_PERP\"}");

        Assert.Equal(PositionEventType.PositionOpened, position.EventType);
        Assert.Equal("ETH_USDC_PERP", position.Symbol);
        Assert.Equal(5411399049, position.PositionId);
        Assert.Equal(4236.36m, position.EntryPrice);
        Assert.Equal(-0.000473m, position.UnrealizedPnl);
    }

    [Fact]
    public async Task BalanceUpdates_SignedSubscribeAccepted_FramesDeliveredTyped()
    {
        var balance = await ReceiveSignedAsync(
            BackpackStreams.BalanceUpdates(),
            "{\"A\":\"10\",\"E\":1788368290063168,\"L\":\"20\",\"S\":\"0\",\"T\":1788368290062981,\"a\":\"USDT\",\"e\":\"balanceUpdate\"}");

        Assert.Equal("USDT", balance.Asset);
        Assert.Equal(10m, balance.Available);
        Assert.Equal(20m, balance.Locked);
        Assert.Equal(WireTime.Micros(1788368290062981), balance.EngineTime);
    }

    [Fact]
    public async Task RfqUpdates_SignedSubscribeAccepted_FramesDeliveredTyped()
    {
        var rfq = await ReceiveSignedAsync(
            BackpackStreams.RfqUpdates(),
            "{\"e\":\"rfqActive\",\"E\":1730225420369829,\"R\":113392053149171712,\"s\":\"SOL_USDC_RFQ\",\"q\":\"10\",\"w\":1730225480368,\"W\":1730225540368,\"X\":\"New\",\"T\":1730225420368765}");

        Assert.Equal(RfqEventType.RfqActive, rfq.EventType);
        Assert.Equal(113392053149171712, rfq.RfqId);
        Assert.Equal(10m, rfq.Quantity);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1730225480368), rfq.SubmissionDeadline);
        Assert.Equal(RfqStatus.New, rfq.Status);
    }

    [Fact]
    public async Task PrivateSubscribe_SignedWithAnotherKey_FailsWithAuthenticationFailed4003()
    {
        await using var client = CreateClient(o => o.ApiSecret = OtherSecret);

        // Connect first: this is often the test process's first connection (the slow, cold one), and a slow connect must
        // not be mistaken for the subscribe's outcome (it would surface as ConnectionFailed inside the assertion).
        await client.ConnectAsync().OrTimeout();
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => client.SubscribeAsync(BackpackStreams.BalanceUpdates()).OrTimeout());

        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(4003, error.ServerCode);
        Assert.Equal("account.balanceUpdate", error.StreamName);
        Assert.DoesNotContain(OtherSecret, error.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.True(request.IsSubscribe("account.balanceUpdate") && request.HasSignature);
        Assert.Equal(4003, request.ErrorCode);
        Assert.Equal(0, client.UnattributedErrorCount);
    }

    [Fact]
    public async Task UnknownSymbol_IsRefusedByTheMarketsCatalog_BeforeAnythingIsSent()
    {
        await using var client = CreateClient();

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => client.SubscribeAsync(BackpackStreams.Trades("NOPE_USDC")).OrTimeout());

        Assert.Equal((BackpackStreamErrorCode.SubscriptionRejected, "trade.NOPE_USDC"), (error.ErrorCode, error.StreamName));
        Assert.Null(error.ServerCode);
        Assert.Empty(_server.Requests);
        Assert.Equal(0, _server.TotalConnectionCount);
    }

    [Fact]
    public async Task UnknownSymbol_Unchecked_FailsWithSubscriptionRejected4006_AndTheConnectionGoesOn()
    {
        // The server's own answer, with the catalog check off (this server rejects unknown symbols, as some deployments might).
        await using var client = CreateClient(o => o.ValidateSymbols = false);

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => client.SubscribeAsync(BackpackStreams.Depth("NOPE_USDC")).OrTimeout());
        Assert.Equal(BackpackStreamErrorCode.SubscriptionRejected, error.ErrorCode);
        Assert.Equal(4006, error.ServerCode);

        var pending = client.SubscribeAsync(BackpackStreams.Ticker("SOL_USDC"));
        await _server.WaitForSubscriptionAsync("ticker.SOL_USDC").OrTimeout();
        await _server.PublishAsync("ticker.SOL_USDC", "{\"E\":1788367430549233,\"V\":\"1498114.9234\",\"c\":\"98.98\",\"e\":\"ticker\",\"h\":\"101.19\",\"l\":\"97.38\",\"n\":6796,\"o\":\"100.87\",\"s\":\"SOL_USDC\",\"v\":\"15089.56\"}");
        await using var ticker = await pending.OrTimeout();
        Assert.Equal(98.98m, (await FirstAsync(ticker)).Close);
        Assert.Equal(1, _server.TotalConnectionCount);
    }

    [Fact]
    public async Task DisposingTheLastConsumer_SendsUnsubscribe_AndTheExchangeStopsTheFlow()
    {
        await using var client = CreateClient();
        var pending = client.SubscribeAsync(BackpackStreams.BookTicker("SOL_USDC"));
        await _server.WaitForSubscriptionAsync("bookTicker.SOL_USDC").OrTimeout();
        await _server.PublishAsync("bookTicker.SOL_USDC", "{\"A\":\"22.39\",\"B\":\"288.77\",\"E\":1788367430247487,\"T\":1788367430246081,\"a\":\"98.97\",\"b\":\"98.96\",\"e\":\"bookTicker\",\"s\":\"SOL_USDC\",\"u\":4330360995}");
        var bookTicker = await pending.OrTimeout();
        Assert.Equal(4330360995, (await FirstAsync(bookTicker)).UpdateId);

        await bookTicker.DisposeAsync();
        await _server.WaitUntilAsync(() => !_server.HasSubscribers("bookTicker.SOL_USDC")).OrTimeout();

        Assert.Contains(_server.Requests, r => r.IsUnsubscribe("bookTicker.SOL_USDC"));
        Assert.Equal(0, await _server.PublishAsync("bookTicker.SOL_USDC", "{}"));
    }

    /// <summary>
    /// Subscribes a client holding the configured secret to a private stream, checks that the exchange received a signed
    /// SUBSCRIBE and accepted it, publishes <paramref name="dataJson"/> on it and returns the first item.
    /// </summary>
    private async Task<T> ReceiveSignedAsync<T>(BackpackStream<T> stream, string dataJson)
    {
        await using var client = CreateClient(o => o.ApiSecret = TestKeys.SecretSeed);
        var pending = client.SubscribeAsync(stream);
        await _server.WaitForSubscriptionAsync(stream.Name).OrTimeout();

        Assert.Equal(1, await _server.PublishAsync(stream.Name, dataJson).OrTimeout());
        await using var subscription = await pending.OrTimeout();
        var item = await FirstAsync(subscription);

        var request = Assert.Single(_server.Requests, r => r.IsSubscribe(stream.Name));
        Assert.True(request.HasSignature);
        Assert.Null(request.ErrorCode);
        Assert.Equal(0, client.ParseFailureCount);
        return item;
    }

    private BackpackStreamClient CreateClient(Action<BackpackStreamClientOptions>? configure = null)
    {
        // A generous error window: rejections arrive at once on loopback, acceptances are confirmed by the first frame.
        // The client's own connect deadline must not be tighter than the tests' hang bound.
        var options = new BackpackStreamClientOptions
        {
            Endpoint = _server.WebSocketUri,
            RestEndpoint = _server.RestUri,
            SubscribeErrorWindow = TimeSpan.FromSeconds(30),
            ConnectTimeout = TestTimeouts.Hang,
        };
        configure?.Invoke(options);
        return new BackpackStreamClient(options);
    }

    private static async Task<T> FirstAsync<T>(BackpackSubscription<T> subscription)
    {
        await using var reader = subscription.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        return reader.Current;
    }
}
