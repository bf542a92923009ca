using System.Globalization;
using System.Net;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Backpack.WebSockets.IntegrationTests.Rest;

/// <summary>The fake exchange's account replies on the wire, byte for byte (spec §9.5.5), requested with hand-made signatures.</summary>
public sealed class FakeAccountWireTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 9, 1, 17, 54, 4, 94, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(s_start);
    private readonly BackpackTestServer _server;

    public FakeAccountWireTests() =>
        _server = new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey, TimeProvider = _time });

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OpenOrders_AlphabeticalKeysExplicitNullsMillisecondCreatedAt()
    {
        var order = await _server.Account.PlaceOrderAsync("USDT_USDC", Side.Ask, 1.0077m, 20m);

        var (status, body, _) = await SignedGetAsync("api/v1/orders", "orderQueryAll");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            $$"""[{"clientId":null,"createdAt":1788285244094,"executedQuantity":"0","executedQuoteQuantity":"0","id":"{{order.Id}}","orderType":"Limit","postOnly":false,"price":"1.0077","quantity":"20","reduceOnly":null,"relatedOrderId":null,"selfTradePrevention":"RejectTaker","side":"Ask","status":"New","stopLossLimitPrice":null,"stopLossTriggerBy":null,"stopLossTriggerPrice":null,"strategyId":null,"symbol":"USDT_USDC","takeProfitLimitPrice":null,"takeProfitTriggerBy":null,"takeProfitTriggerPrice":null,"timeInForce":"GTC","triggerBy":null,"triggerPrice":null,"triggerQuantity":null,"triggeredAt":null}]""",
            body);
    }

    [Fact]
    public async Task OrderHistory_NaiveCreatedAtExpiryReasonAndPageHeaders()
    {
        var order = await _server.Account.PlaceOrderAsync("USDT_USDC", Side.Ask, 1.0077m, 20m);
        await _server.Account.CancelOrderAsync(order.Id);

        var (status, body, headers) = await SignedGetAsync("wapi/v1/history/orders?limit=10&sortDirection=Asc", "orderHistoryQueryAll", ("limit", "10"), ("sortDirection", "Asc"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            $$"""[{"clientId":null,"createdAt":"2026-09-01T17:54:04.094","executedQuantity":"0","executedQuoteQuantity":"0","expiryReason":null,"id":"{{order.Id}}","orderType":"Limit","postOnly":false,"price":"1.0077","quantity":"20","quoteQuantity":"20.1540","selfTradePrevention":"RejectTaker","side":"Ask","slippageTolerance":null,"slippageToleranceType":null,"status":"Cancelled","stopLossLimitPrice":null,"stopLossTriggerBy":null,"stopLossTriggerPrice":null,"strategyId":null,"symbol":"USDT_USDC","systemOrderType":null,"takeProfitLimitPrice":null,"takeProfitTriggerBy":null,"takeProfitTriggerPrice":null,"timeInForce":"GTC","triggerBy":null,"triggerPrice":null,"triggerQuantity":null}]""",
            body);
        Assert.Equal("1", headers["X-Page-Count"]);
        Assert.Equal("1", headers["X-Current-Page"]);
        Assert.Equal("10", headers["X-Page-Size"]);
        Assert.Equal("1", headers["X-Total"]);
        Assert.Contains("no-store", headers["Cache-Control"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fills_EmptyPage_ReportsOnePageAndZeroTotal()
    {
        var (status, body, headers) = await SignedGetAsync("wapi/v1/history/fills?fillType=User&limit=10&symbol=USDT_USDC", "fillHistoryQueryAll", ("fillType", "User"), ("limit", "10"), ("symbol", "USDT_USDC"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[]", body);
        Assert.Equal("1", headers["X-Page-Count"]);
        Assert.Equal("0", headers["X-Total"]);
    }

    [Fact]
    public async Task Capital_AndFlatPositions_HaveTheLiveShapes()
    {
        await _server.Account.SetBalanceAsync("USDT", 30m);

        var (_, capital, _) = await SignedGetAsync("api/v1/capital", "balanceQuery");
        var (_, positions, _) = await SignedGetAsync("api/v1/position", "positionQuery");
        var (notFound, _, _) = await SignedGetAsync("api/v1/position?symbol=SOL_USDC_PERP", "positionQuery", ("symbol", "SOL_USDC_PERP"));

        Assert.Equal("""{"USDT":{"available":"30","locked":"0","staked":"0"}}""", capital);
        Assert.Equal("[]", positions);
        Assert.Equal(HttpStatusCode.NotFound, notFound);
    }

    [Fact]
    public async Task OpenOrder_NotResting_Is404OrderNotFound()
    {
        var (status, body, _) = await SignedGetAsync("api/v1/order?orderId=1&symbol=SOL_USDC", "orderQuery", ("orderId", "1"), ("symbol", "SOL_USDC"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("""{"code":"RESOURCE_NOT_FOUND","message":"Order not found."}""", body);
    }

    [Fact]
    public async Task SignatureOverOtherParameters_Is401InvalidSignature()
    {
        var (status, body, _) = await SignedGetAsync("api/v1/orders?symbol=BTC_USDC", "orderQueryAll", ("symbol", "SOL_USDC"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"code":"INVALID_CLIENT_REQUEST","message":"Invalid signature"}""", body);
    }

    [Fact]
    public async Task TimestampOlderThanWindow_Is401RequestHasExpired()
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _time.Advance(TimeSpan.FromSeconds(6));

        var (status, body, _) = await SignedGetAsync("api/v1/capital", "balanceQuery", timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"code":"INVALID_CLIENT_REQUEST","message":"Request has expired"}""", body);
    }

    private Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)> SignedGetAsync(string pathAndQuery, string instruction, params (string Key, string Value)[] parameters) =>
        SignedGetAsync(pathAndQuery, instruction, _time.GetUtcNow().ToUnixTimeMilliseconds(), parameters);

    private async Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)> SignedGetAsync(string pathAndQuery, string instruction, long timestamp, params (string Key, string Value)[] parameters)
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(TestKeys.SecretSeed);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.RestUri, pathAndQuery));
        request.Headers.Add("X-API-Key", signer.PublicKeyBase64);
        request.Headers.Add("X-Signature", signer.Sign(instruction, parameters.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), timestamp, 5000));
        request.Headers.Add("X-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Window", "5000");
        using var http = new HttpClient();
        using var response = await http.SendAsync(request).OrTimeout();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }
}
