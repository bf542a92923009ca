using System.Net;
using System.Net.Http.Headers;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>Error bodies (JSON and plain text), statuses that are retried and those that are not (spec §9.4, §9.5.1).</summary>
public sealed class BackpackRestClientErrorTests
{
    [Fact]
    public async Task PlainText400_KeepsTextAsMessage_NotRetried()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenText("failed to parse parameter `limit`: failed to parse \"DepthLimit\": Expect a valid enumeration value.", HttpStatusCode.BadRequest);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetDepthAsync("SOL_USDC", 5));

        Assert.Equal(BackpackStreamErrorCode.RequestFailed, ex.ErrorCode);
        Assert.Equal(400, ex.HttpStatusCode);
        Assert.Null(ex.ApiErrorCode);
        Assert.Contains("failed to parse parameter `limit`", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Json401_IsAuthenticationFailedWithCodeAndMessage_NotRetried()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"code":"INVALID_CLIENT_REQUEST","message":"Request has expired"}""", HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetBalancesAsync());

        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, ex.ErrorCode);
        Assert.Equal(401, ex.HttpStatusCode);
        Assert.Equal("INVALID_CLIENT_REQUEST", ex.ApiErrorCode);
        Assert.Contains("Request has expired", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Json400_InvalidSymbol_NotRetried()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"code":"INVALID_CLIENT_REQUEST","message":"Invalid market symbol"}""", HttpStatusCode.BadRequest);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetDepthAsync("NOPE_USDC", 5));

        Assert.Equal("INVALID_CLIENT_REQUEST", ex.ApiErrorCode);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task GetOpenOrderAsync_404_ReturnsNullWithoutRetry()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"code":"RESOURCE_NOT_FOUND","message":"Order not found."}""", HttpStatusCode.NotFound);

        Assert.Null(await harness.Client.GetOpenOrderAsync("SOL_USDC", "123"));
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task GetOpenPositionsAsync_404_ReturnsEmpty()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"code":"RESOURCE_NOT_FOUND","message":"Position not found."}""", HttpStatusCode.NotFound);

        Assert.Empty(await harness.Client.GetOpenPositionsAsync("SOL_USDC_PERP"));
    }

    [Fact]
    public async Task UnknownPath404_PlainText_Throws()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenText("not found", HttpStatusCode.NotFound);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetMarketsAsync());

        Assert.Equal(404, ex.HttpStatusCode);
        Assert.EndsWith(": not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status503_IsRetriedThenSucceeds_EachAttemptSignedAfresh()
    {
        using var harness = new RestHarness();
        harness.Handler
            .ThenJson("""{"code":"MAINTENANCE","message":"System under maintenance"}""", HttpStatusCode.ServiceUnavailable)
            .ThenText("<html>bad gateway</html>", HttpStatusCode.BadGateway)
            .ThenJson("""{"USDC":{"available":"5","locked":"0","staked":"0"}}""");

        var balances = await harness.Client.GetBalancesAsync();

        Assert.Equal(5m, balances["USDC"].Available);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.All(harness.Handler.Requests, r => Assert.True(r.Headers.Contains("X-Signature")));
    }

    [Fact]
    public async Task Status503_EveryAttempt_ThrowsTransientAfterMaxRetries()
    {
        using var harness = new RestHarness(o => o.MaxRetries = 2);
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json("""{"code":"MAINTENANCE","message":"System under maintenance"}""", HttpStatusCode.ServiceUnavailable);

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetCollateralAsync());

        Assert.Equal(503, ex.HttpStatusCode);
        Assert.Equal("MAINTENANCE", ex.ApiErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Status429_WaitsRetryAfterBeforeRetrying()
    {
        using var harness = new RestHarness();
        harness.Handler
            .ThenJson("""{"code":"TOO_MANY_REQUESTS","message":"Too many requests"}""", (HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .ThenJson("[]");

        var read = harness.Client.GetOpenOrdersAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));

        harness.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Single(harness.Handler.Requests);
        Assert.False(read.IsCompleted);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(await read.WaitAsync(TestTimeouts.Hang));
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Status429_RetryAfterLongerThanMaxRetryDelay_ThrowsWithRetryAfter()
    {
        using var harness = new RestHarness(o => o.MaxRetryDelay = TimeSpan.FromSeconds(10));
        harness.Handler.ThenJson("""{"code":"TOO_MANY_REQUESTS","message":"Too many requests"}""", (HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(60)));

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetBalancesAsync());

        Assert.Equal(429, ex.HttpStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task TransportError_IsRetried()
    {
        using var harness = new RestHarness();
        harness.Handler
            .Then(_ => throw new HttpRequestException("Connection refused"))
            .ThenJson("[]");

        Assert.Empty(await harness.Client.GetOpenOrdersAsync());
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_SurfacesAsOperationCanceled()
    {
        using var harness = new RestHarness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetOpenOrdersAsync(cancellationToken: cts.Token));
    }
}
