using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>Golden signing strings (spec §9.5.1): each read's URL and the exact text its X-Signature signs.</summary>
public sealed class BackpackRestClientSigningTests
{
    private const string Time = "1788285268682";

    [Fact]
    public void BuildSigningString_LiveExampleOfSpec951_IsExact()
    {
        // BBGO-REST sent this request to production and got 200.
        var text = Ed25519Signer.BuildSigningString(
            "fillHistoryQueryAll",
            [new("symbol", "USDT_USDC"), new("limit", "10"), new("fillType", "User")],
            1788285268682,
            5000);

        Assert.Equal("instruction=fillHistoryQueryAll&fillType=User&limit=10&symbol=USDT_USDC&timestamp=1788285268682&window=5000", text);
    }

    [Fact]
    public async Task GetFillsAsync_LiveExampleQuery_SignsSortedDecodedParametersWithSortDirection()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("[]", configure: r => r.Headers.Add("X-Total", "0"));

        await foreach (var _ in harness.Client.GetFillsAsync(new FillQuery { Symbol = "USDT_USDC", FillType = "User", PageSize = 10 }))
        {
        }

        AssertSigned(
            harness.LastRequest,
            "/wapi/v1/history/fills?symbol=USDT_USDC&fillType=User&limit=10&sortDirection=Asc",
            $"instruction=fillHistoryQueryAll&fillType=User&limit=10&sortDirection=Asc&symbol=USDT_USDC&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task GetBalancesAsync_NoParameters_SignsInstructionTimestampAndWindow()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"USDT":{"available":"30","locked":"0","staked":"0"}}""");

        await harness.Client.GetBalancesAsync();

        AssertSigned(harness.LastRequest, "/api/v1/capital", $"instruction=balanceQuery&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task GetCollateralAsync_SendsNoParameters()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"assetsValue":"1","collateral":[]}""");

        await harness.Client.GetCollateralAsync();

        AssertSigned(harness.LastRequest, "/api/v1/capital/collateral", $"instruction=collateralQuery&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task GetOpenOrdersAsync_WithAndWithoutSymbol_SignsWhatIsSent()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("[]").ThenJson("[]");

        await harness.Client.GetOpenOrdersAsync();
        AssertSigned(harness.Handler.Requests[0], "/api/v1/orders", $"instruction=orderQueryAll&timestamp={Time}&window=5000");

        await harness.Client.GetOpenOrdersAsync("SPCX.US_USDC");
        AssertSigned(harness.Handler.Requests[1], "/api/v1/orders?symbol=SPCX.US_USDC", $"instruction=orderQueryAll&symbol=SPCX.US_USDC&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task GetOpenOrderAsync_SendsOrderIdAndSymbolOnly()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"id":"59669287267","symbol":"USDT_USDC","createdAt":1788285244094}""");

        await harness.Client.GetOpenOrderAsync("USDT_USDC", "59669287267");

        AssertSigned(
            harness.LastRequest,
            "/api/v1/order?orderId=59669287267&symbol=USDT_USDC",
            $"instruction=orderQuery&orderId=59669287267&symbol=USDT_USDC&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task GetOpenPositionsAsync_WithSymbol_SignsPositionQuery()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("[]");

        await harness.Client.GetOpenPositionsAsync("SOL_USDC_PERP");

        AssertSigned(harness.LastRequest, "/api/v1/position?symbol=SOL_USDC_PERP", $"instruction=positionQuery&symbol=SOL_USDC_PERP&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task GetOrderHistoryAsync_SecondPage_SignsOffsetAndDescending()
    {
        using var harness = new RestHarness(o => o.SignatureWindow = TimeSpan.FromSeconds(60));
        harness.Handler
            .ThenJson("""[{"id":"1","symbol":"SOL_USDC","createdAt":"2026-09-01T17:54:04.094"},{"id":"2","symbol":"SOL_USDC","createdAt":"2026-09-01T17:54:04.095"}]""")
            .ThenJson("[]");

        var orders = new List<string>();
        await foreach (var order in harness.Client.GetOrderHistoryAsync(new OrderHistoryQuery { OrderId = "2", SortDirection = SortDirection.Descending, PageSize = 2 }))
        {
            orders.Add(order.Id);
        }

        Assert.Equal(["1", "2"], orders);
        AssertSigned(
            harness.Handler.Requests[0],
            "/wapi/v1/history/orders?orderId=2&limit=2&sortDirection=Desc",
            $"instruction=orderHistoryQueryAll&limit=2&orderId=2&sortDirection=Desc&timestamp={Time}&window=60000");
        AssertSigned(
            harness.Handler.Requests[1],
            "/wapi/v1/history/orders?orderId=2&limit=2&sortDirection=Desc&offset=2",
            $"instruction=orderHistoryQueryAll&limit=2&offset=2&orderId=2&sortDirection=Desc&timestamp={Time}&window=60000");
    }

    [Fact]
    public async Task GetFillsAsync_TimeRange_SendsMilliseconds()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("[]");
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1788000000000);

        await foreach (var _ in harness.Client.GetFillsAsync(new FillQuery { From = from, To = from.AddHours(1), MarketType = "PERP" }))
        {
        }

        AssertSigned(
            harness.LastRequest,
            "/wapi/v1/history/fills?from=1788000000000&to=1788003600000&marketType=PERP&limit=1000&sortDirection=Asc",
            $"instruction=fillHistoryQueryAll&from=1788000000000&limit=1000&marketType=PERP&sortDirection=Asc&to=1788003600000&timestamp={Time}&window=5000");
    }

    [Fact]
    public async Task PublicReads_CarryNoAuthHeaders()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"asks":[],"bids":[],"lastUpdateId":"1","timestamp":1790915412979224}""");

        await harness.Client.GetDepthAsync("SOL_USDC", 5);

        Assert.Equal("/api/v1/depth?symbol=SOL_USDC&limit=5", harness.LastRequest.RequestUri!.PathAndQuery);
        Assert.False(harness.LastRequest.Headers.Contains("X-Signature"));
        Assert.False(harness.LastRequest.Headers.Contains("X-API-Key"));
    }

    [Theory]
    [InlineData("SOL USDC")]
    [InlineData("SOL&USDC")]
    [InlineData("SOL=USDC")]
    [InlineData("SOL%USDC")]
    public async Task SignedReads_ValueNeedingEscaping_ThrowArgumentException(string symbol)
    {
        using var harness = new RestHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.GetOpenOrdersAsync(symbol));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task SignedRead_WithoutCredentials_ThrowsInvalidOperationWithoutSending()
    {
        using var harness = new RestHarness(credentials: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.GetBalancesAsync());
        Assert.Throws<InvalidOperationException>(() => harness.Client.GetFillsAsync());
        Assert.Empty(harness.Handler.Requests);
    }

    /// <summary>Checks the URL, the four headers, and that X-Signature is the test key's signature of <paramref name="signingString"/>.</summary>
    private static void AssertSigned(HttpRequestMessage request, string pathAndQuery, string signingString)
    {
        Assert.Equal(pathAndQuery, request.RequestUri!.PathAndQuery);
        Assert.Equal(TestKeys.PublicKey, RestHarness.Header(request, "X-API-Key"));
        Assert.Equal(Time, RestHarness.Header(request, "X-Timestamp"));
        Assert.EndsWith($"&window={RestHarness.Header(request, "X-Window")}", signingString, StringComparison.Ordinal);
        Assert.True(TestKeys.Verifies(RestHarness.Header(request, "X-Signature"), signingString), $"X-Signature does not sign '{signingString}'.");
    }
}
