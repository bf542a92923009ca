using System.Net;
using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    private static readonly BookSnapshot s_book = new(
        "SOL_USDC",
        123,
        [new BookLevel(99.98m, 1m), new BookLevel(99.99m, 2m), new BookLevel(99.97m, 3m)],
        [new BookLevel(100.02m, 4m), new BookLevel(100.01m, 5m), new BookLevel(100.03m, 6m)]);

    private static async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(BackpackTestServer server, string pathAndQuery)
    {
        using var http = new HttpClient { BaseAddress = server.RestUri };
        using var response = await http.GetAsync(pathAndQuery).OrTimeout();
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Depth_ServesBothSidesAscendingWithStringLastUpdateId()
    {
        await using var server = await StartServerAsync();
        server.SetDepthSnapshot("SOL_USDC", s_book);

        var (status, body, _) = await GetAsync(server, "api/v1/depth?symbol=SOL_USDC");

        Assert.Equal(HttpStatusCode.OK, status);
        var expectedTimestamp = s_start.ToUnixTimeMilliseconds() * 1000;
        Assert.Equal(
            $$"""{"asks":[["100.01","5"],["100.02","4"],["100.03","6"]],"bids":[["99.97","3"],["99.98","1"],["99.99","2"]],"lastUpdateId":"123","timestamp":{{expectedTimestamp}}}""",
            body);
        Assert.Equal(1, server.DepthRequestCount);
    }

    [Fact]
    public async Task Depth_Limit_KeepsTheBestLevels()
    {
        await using var server = await StartServerAsync();
        var bids = Enumerable.Range(1, 30).Select(i => new BookLevel(100 - i, i));
        var asks = Enumerable.Range(1, 30).Select(i => new BookLevel(100 + i, i));
        server.SetDepthSnapshot("BTC_USDC", new BookSnapshot("BTC_USDC", 7, bids, asks));

        var (_, body, _) = await GetAsync(server, "api/v1/depth?symbol=BTC_USDC&limit=5");
        using var json = JsonDocument.Parse(body);

        Assert.Equal([101m, 102m, 103m, 104m, 105m], Frames.Levels(json.RootElement.GetProperty("asks")).Select(l => l.Price));
        Assert.Equal([95m, 96m, 97m, 98m, 99m], Frames.Levels(json.RootElement.GetProperty("bids")).Select(l => l.Price));
    }

    [Fact]
    public async Task Depth_KnownSymbolWithoutBook_ServesEmptyBook()
    {
        await using var server = await StartServerAsync();

        var (status, body, _) = await GetAsync(server, "api/v1/depth?symbol=ETH_USDC&limit=1000");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("""{"asks":[],"bids":[],"lastUpdateId":"0","timestamp":""", body);
    }

    [Theory]
    [InlineData("api/v1/depth?symbol=SOL_USDC&limit=7", "INVALID_CLIENT_REQUEST")]
    [InlineData("api/v1/depth?symbol=SOL_USDC&limit=abc", "INVALID_CLIENT_REQUEST")]
    [InlineData("api/v1/depth?symbol=SOL_USDC&limit=2000", "INVALID_CLIENT_REQUEST")]
    [InlineData("api/v1/depth?limit=5", "INVALID_CLIENT_REQUEST")]
    [InlineData("api/v1/depth?symbol=NOPE_USDC", "INVALID_SYMBOL")]
    public async Task Depth_BadRequest_Answers400WithJsonError(string pathAndQuery, string code)
    {
        await using var server = await StartServerAsync();

        var (status, body, contentType) = await GetAsync(server, pathAndQuery);
        using var json = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(100)]
    [InlineData(500)]
    [InlineData(1000)]
    public async Task Depth_EveryDocumentedLimit_IsAccepted(int limit)
    {
        await using var server = await StartServerAsync();

        var (status, _, _) = await GetAsync(server, $"api/v1/depth?symbol=SOL_USDC&limit={limit}");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Time_ServesServerMillisecondsAsTextIncludingClockOffset()
    {
        await using var server = await StartServerAsync(options => options.ClockOffset = TimeSpan.FromSeconds(-3));

        var (status, body, contentType) = await GetAsync(server, "api/v1/time");
        server.ClockOffset = TimeSpan.FromSeconds(2);
        var (_, later, _) = await GetAsync(server, "api/v1/time");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", contentType);
        Assert.Equal((s_start.ToUnixTimeMilliseconds() - 3000).ToString(), body);
        Assert.Equal((s_start.ToUnixTimeMilliseconds() + 2000).ToString(), later);
    }

    [Fact]
    public async Task PingAndStatus_Answer()
    {
        await using var server = await StartServerAsync();

        Assert.Equal((HttpStatusCode.OK, "pong", "text/plain"), await GetAsync(server, "api/v1/ping"));
        Assert.Equal("""{"status":"Ok","message":null}""", (await GetAsync(server, "api/v1/status")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(server, "api/v1/nope")).Status);
    }
}
