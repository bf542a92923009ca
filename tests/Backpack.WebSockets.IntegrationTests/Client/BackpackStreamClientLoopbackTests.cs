using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>The real client, on a real <c>ClientWebSocket</c>, against the fake exchange on loopback.</summary>
public sealed class BackpackStreamClientLoopbackTests : IAsyncLifetime
{
    private const string OtherSecret = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";

    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey });

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
        await using var client = CreateClient(o => o.ApiSecret = TestKeys.SecretSeed);
        var pending = client.SubscribeAsync(BackpackStreams.OrderUpdates());
        await _server.WaitForSubscriptionAsync("account.orderUpdate").OrTimeout();

        await _server.PublishAsync("account.orderUpdate", "{\"E\":1788368290063153,\"O\":\"USER\",\"Q\":\"20.1520\",\"S\":\"Ask\",\"T\":1788368290062979,\"V\":\"RejectTaker\",\"X\":\"New\",\"Z\":\"0\",\"e\":\"orderAccepted\",\"f\":\"GTC\",\"i\":\"59887375336\",\"o\":\"LIMIT\",\"p\":\"1.0076\",\"q\":\"20\",\"r\":false,\"s\":\"USDT_USDC\",\"t\":null,\"y\":true,\"z\":\"0\"}");
        await using var orders = await pending.OrTimeout();
        var order = await FirstAsync(orders);

        Assert.Equal(OrderEventType.OrderAccepted, order.EventType);
        Assert.Equal(59887375336, order.OrderId);
        var request = Assert.Single(_server.Requests, r => r.IsSubscribe("account.orderUpdate"));
        Assert.True(request.HasSignature);
        Assert.Null(request.ErrorCode);
    }

    [Fact]
    public async Task PrivateSubscribe_SignedWithAnotherKey_FailsWithAuthenticationFailed4003()
    {
        await using var client = CreateClient(o => o.ApiSecret = OtherSecret);

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => client.SubscribeAsync(BackpackStreams.BalanceUpdates()).OrTimeout());

        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(4003, error.ServerCode);
        Assert.Equal("account.balanceUpdate", error.StreamName);
        Assert.DoesNotContain(OtherSecret, error.ToString());
    }

    [Fact]
    public async Task UnknownSymbol_FailsWithSubscriptionRejected4006_AndTheConnectionGoesOn()
    {
        await using var client = CreateClient();

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

    private BackpackStreamClient CreateClient(Action<BackpackStreamClientOptions>? configure = null)
    {
        // A generous error window: rejections arrive at once on loopback, acceptances are confirmed by the first frame.
        var options = new BackpackStreamClientOptions { Endpoint = _server.WebSocketUri, RestEndpoint = _server.RestUri, SubscribeErrorWindow = TimeSpan.FromSeconds(30) };
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
