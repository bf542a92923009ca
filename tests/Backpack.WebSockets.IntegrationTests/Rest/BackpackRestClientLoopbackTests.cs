using System.Globalization;
using System.Net;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Rest;

/// <summary>The REST client against the fake exchange's account on loopback: signatures verified by the exchange, shapes, faults.</summary>
public sealed class BackpackRestClientLoopbackTests : IAsyncLifetime
{
    private const string OtherSecret = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";

    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey });

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SignedReads_VerifiedByTheExchange_ReturnItsAccount()
    {
        var account = _server.Account;
        var filled = await account.PlaceOrderAsync("SOL_USDC", Side.Bid, 150.25m, 2m, clientId: 7);
        var partial = await account.PlaceOrderAsync("SOL_USDC", Side.Ask, 151m, 3m);
        var cancelled = await account.PlaceOrderAsync("BTC_USDC", Side.Bid, 60000m, 0.01m);
        await account.FillOrderAsync(filled.Id, 2m, fee: 0.0004m, feeSymbol: "SOL");
        await account.FillOrderAsync(partial.Id, 1.25m);
        await account.CancelOrderAsync(cancelled.Id);
        await account.SetBalanceAsync("USDC", available: 700.5m, locked: 225.375m);
        await account.SetBalanceAsync("SOL", available: 1.9996m);
        await account.SetPositionAsync("SOL_USDC_PERP", -4m, 149.5m, markPrice: 150m);
        using var rest = CreateClient();

        var open = await rest.GetOpenOrdersAsync().OrTimeout();
        var one = await rest.GetOpenOrderAsync("SOL_USDC", partial.Id).OrTimeout();
        var gone = await rest.GetOpenOrderAsync("SOL_USDC", filled.Id).OrTimeout();
        var balances = await rest.GetBalancesAsync().OrTimeout();
        var collateral = await rest.GetCollateralAsync().OrTimeout();
        var positions = await rest.GetOpenPositionsAsync().OrTimeout();
        var fills = await SubscriptionReads.ToListAsync(rest.GetFillsAsync(new FillQuery { Symbol = "SOL_USDC" }));
        var history = await SubscriptionReads.ToListAsync(rest.GetOrderHistoryAsync(new OrderHistoryQuery { SortDirection = SortDirection.Descending }));

        // /api/v1/orders has no quoteQuantity on limit orders (live shape); history has it.
        Assert.Equal(account.OpenOrders.Select(o => o with { QuoteQuantity = null }), open);
        var resting = Assert.Single(open);
        Assert.Equal(OrderStatus.PartiallyFilled, resting.Status);
        Assert.Equal(1.25m, resting.ExecutedQuantity);
        Assert.Equal(open[0], one);
        Assert.Null(gone);
        Assert.Equal(account.Balances.OrderBy(b => b.Key), balances.OrderBy(b => b.Key));
        Assert.Equal(927.8746m, collateral.AssetsValue);
        Assert.Equal(["SOL", "USDC"], collateral.Collateral.Select(c => c.Symbol));
        Assert.Equal(account.Positions, positions);
        Assert.Equal(account.Fills, fills);
        Assert.Equal(account.OrderHistory.Reverse(), history);
        Assert.Equal([OrderStatus.Cancelled, OrderStatus.PartiallyFilled, OrderStatus.Filled], history.Select(o => o.Status));
        Assert.Equal(8, _server.SignedRestRequestCount);
    }

    [Fact]
    public async Task WrongKey_IsRejected401AsAuthenticationFailed_NotRetried()
    {
        using var rest = CreateClient(o => o.ApiSecret = OtherSecret);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => rest.GetBalancesAsync()).OrTimeout();

        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, ex.ErrorCode);
        Assert.Equal(401, ex.HttpStatusCode);
        Assert.Equal("INVALID_CLIENT_REQUEST", ex.ApiErrorCode);
        Assert.Contains("Invalid signature", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, _server.SignedRestRequestCount);
    }

    [Fact]
    public async Task ClockBehind_TimestampOutsideWindow_IsRequestHasExpired()
    {
        using var rest = CreateClient();
        rest.ClockOffset = TimeSpan.FromMinutes(-1);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => rest.GetOpenOrdersAsync()).OrTimeout();

        Assert.Equal(401, ex.HttpStatusCode);
        Assert.Contains("Request has expired", ex.Message, StringComparison.Ordinal);

        // Synchronizing with the exchange's clock heals it.
        await rest.SynchronizeClockAsync().OrTimeout();
        Assert.Empty(await rest.GetOpenOrdersAsync().OrTimeout());
    }

    [Fact]
    public async Task Status503_IsRetriedUntilTheExchangeAnswers()
    {
        _server.FailNextRestRequests(2, 503);
        using var rest = CreateClient();

        Assert.Empty(await rest.GetOpenPositionsAsync().OrTimeout());

        // The two failed attempts were answered before the signature check; only the third reached it.
        Assert.Equal(1, _server.SignedRestRequestCount);
    }

    [Fact]
    public async Task Status429WithRetryAfter_IsRetriedAfterIt()
    {
        _server.FailNextRestRequests(1, 429, TimeSpan.FromSeconds(1));
        using var rest = CreateClient();
        var started = TimeProvider.System.GetTimestamp();

        Assert.Empty(await rest.GetOpenOrdersAsync().OrTimeout());

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SignedRequestWithMalformedLimit_GetsThePlainText400()
    {
        // The client never sends such a limit, so sign the request by hand.
        using var signer = Ed25519Signer.FromBase64SecretKey(TestKeys.SecretSeed);
        var timestamp = _server.UtcNow.ToUnixTimeMilliseconds();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.RestUri, "wapi/v1/history/fills?limit=abc"));
        request.Headers.Add("X-API-Key", signer.PublicKeyBase64);
        request.Headers.Add("X-Signature", signer.Sign("fillHistoryQueryAll", [new("limit", "abc")], timestamp, 5000));
        request.Headers.Add("X-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Window", "5000");
        using var http = new HttpClient();

        using var response = await http.SendAsync(request).OrTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("failed to parse parameter `limit`", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_PagedByTheClient_ReturnsEveryFillOnceInOrder()
    {
        var order = await _server.Account.PlaceOrderAsync("SOL_USDC", Side.Bid, 100m, 25m);
        for (var i = 0; i < 25; i++)
        {
            await _server.Account.FillOrderAsync(order.Id, 1m, price: 100m + i);
        }

        using var rest = CreateClient();

        var ascending = await SubscriptionReads.ToListAsync(rest.GetFillsAsync(new FillQuery { OrderId = order.Id, PageSize = 10 }));
        var descending = await SubscriptionReads.ToListAsync(rest.GetFillsAsync(new FillQuery { OrderId = order.Id, PageSize = 10, SortDirection = SortDirection.Descending }));

        Assert.Equal(_server.Account.Fills, ascending);
        Assert.Equal(_server.Account.Fills.Reverse(), descending);
        Assert.Equal(6, _server.SignedRestRequestCount);
    }

    [Fact]
    public async Task Markets_ListConfiguredSymbolsWithClosedState()
    {
        _server.SetMarketClosed("TON_USDC_PERP");
        using var rest = CreateClient(o => o.ApiSecret = null);

        var markets = await rest.GetMarketsAsync().OrTimeout();

        var closed = Assert.Single(markets, m => m.Symbol == "TON_USDC_PERP");
        Assert.Equal(MarketOrderBookState.Closed, closed.OrderBookState);
        Assert.Equal("PERP", closed.MarketType);
        var open = Assert.Single(markets, m => m.Symbol == "SOL_USDC");
        Assert.Equal(MarketOrderBookState.Open, open.OrderBookState);
        Assert.Equal(0.01m, open.TickSize);
        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => rest.GetDepthAsync("TON_USDC_PERP", 5)).OrTimeout();
        Assert.Equal(404, ex.HttpStatusCode);
    }

    [Fact]
    public async Task AccountEvents_ReachSubscribersOnly_RestSeesEveryChange()
    {
        // No client connected: the change is made and served over REST, its events reach nobody.
        var sent = 0;
        _server.FrameSent += (_, _) => Interlocked.Increment(ref sent);
        var before = await _server.Account.PlaceOrderAsync("SOL_USDC", Side.Bid, 99m, 1m);
        Assert.Equal(0, Volatile.Read(ref sent));

        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = _server.WebSocketUri,
            RestEndpoint = _server.RestUri,
            ApiSecret = TestKeys.SecretSeed,
            SubscribeErrorWindow = TimeSpan.FromSeconds(30),
            ConnectTimeout = TestTimeouts.Hang,
        });
        var pending = client.SubscribeAsync(BackpackStreams.OrderUpdates("SOL_USDC"));
        await _server.WaitForSubscriptionAsync("account.orderUpdate.SOL_USDC").OrTimeout();
        await _server.Account.FillOrderAsync(before.Id, 0.4m);
        await using var updates = await pending.OrTimeout();
        await using var reader = updates.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        Assert.Equal(OrderEventType.OrderFill, reader.Current.EventType);
        Assert.Equal(long.Parse(before.Id, CultureInfo.InvariantCulture), reader.Current.OrderId);
        Assert.Equal(0.4m, reader.Current.FillQuantity);
        Assert.Equal(0.4m, reader.Current.ExecutedQuantity);
        Assert.Equal(OrderStatus.PartiallyFilled, reader.Current.Status);
        Assert.Equal(_server.Account.Fills[0].TradeId, reader.Current.TradeId);
    }

    [Fact]
    public async Task PositionSubscribe_GetsTheOpenPositionsAsSnapshot()
    {
        await _server.Account.SetPositionAsync("SOL_USDC_PERP", 2m, 150m);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = _server.WebSocketUri,
            ApiSecret = TestKeys.SecretSeed,
            SubscribeErrorWindow = TimeSpan.FromSeconds(30),
            ConnectTimeout = TestTimeouts.Hang,
        });

        await using var positions = await client.SubscribeAsync(BackpackStreams.PositionUpdates()).OrTimeout();
        await using var reader = positions.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        Assert.Equal(PositionEventType.Snapshot, reader.Current.EventType);
        Assert.Equal(2m, reader.Current.NetQuantity);
        Assert.Equal(long.Parse(_server.Account.Positions[0].PositionId!, CultureInfo.InvariantCulture), reader.Current.PositionId);
    }

    private BackpackRestClient CreateClient(Action<BackpackRestClientOptions>? configure = null)
    {
        var options = new BackpackRestClientOptions
        {
            RestEndpoint = _server.RestUri,
            ApiSecret = TestKeys.SecretSeed,
            RetryDelay = TimeSpan.Zero,
            RequestTimeout = TestTimeouts.Hang,
        };
        configure?.Invoke(options);
        return new BackpackRestClient(options);
    }
}
