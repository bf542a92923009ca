using System.Net;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Tests.OrderBook;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>
/// A mistyped symbol is the top complaint about exchange clients: the exchange answers it with silence. The client checks
/// the markets catalog first, and can mark a stream that stays silent.
/// </summary>
public sealed class MarketCheckTests
{
    private const string Markets = """[{"symbol":"SOL_USDC","orderBookState":"Open"},{"symbol":"TON_USDC_PERP","orderBookState":"Closed"}]""";

    [Theory]
    [InlineData("NOPE_USDC", "not a market")]
    [InlineData("TON_USDC_PERP", "is closed")]
    public async Task UnknownOrClosedMarket_IsRejectedBeforeAnythingIsSent(string symbol, string reason)
    {
        var (client, connector, http) = Create();
        await using (client)
        {
            var pending = client.SubscribeAsync(BackpackStreams.Trades(symbol));
            var request = await http.NextRequestAsync();
            Assert.EndsWith("/api/v1/markets", request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
            http.RespondJson(Markets);

            var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
            Assert.Equal((BackpackStreamErrorCode.SubscriptionRejected, $"trade.{symbol}"), (error.ErrorCode, error.StreamName));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.Empty(connector.Connections);
            Assert.Empty(client.ActiveStreams);
        }
    }

    [Fact]
    public async Task KnownMarket_IsSubscribed_AndTheCatalogIsReadOnce()
    {
        var (client, connector, http) = Create();
        await using (client)
        {
            var first = client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
            await http.NextRequestAsync();
            http.RespondJson(Markets);
            var connection = await connector.WaitForConnectionAsync(0).OrTimeout();
            await connection.ReadSentAsync().OrTimeout();
            connection.PushText(TestStreams.Frame("trade.SOL_USDC", """{"e":"trade","E":1,"T":1,"s":"SOL_USDC","p":"1","q":"1","t":1,"b":"1","a":"2","m":true}"""));
            await using var trades = await first.OrTimeout();

            // A second stream of a known market needs no new read.
            var second = client.SubscribeAsync(BackpackStreams.BookTicker("SOL_USDC"));
            Assert.Contains("bookTicker.SOL_USDC", await connection.ReadSentAsync().OrTimeout());
            connection.PushText(TestStreams.Frame("bookTicker.SOL_USDC", """{"e":"bookTicker","E":1,"T":1,"s":"SOL_USDC","a":"2","A":"1","b":"1","B":"1","u":1}"""));
            await using var ticker = await second.OrTimeout();
            Assert.Equal(1, http.RequestCount);
        }
    }

    [Fact]
    public async Task CatalogUnavailable_SubscribesUnchecked_WithAWarning_OrFailsWhenRequired()
    {
        var logs = new CapturingLoggerProvider();
        var (client, connector, http) = Create(logs: logs);
        await using (client)
        {
            var pending = client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
            await http.NextRequestAsync();
            http.RespondJson("""{"code":"SERVICE_UNAVAILABLE","message":"down"}""", HttpStatusCode.ServiceUnavailable);
            await logs.WaitForEntryAsync("[MarketUnchecked]");
            var connection = await connector.WaitForConnectionAsync(0).OrTimeout();
            Assert.Contains("trade.SOL_USDC", await connection.ReadSentAsync().OrTimeout());
            connection.PushText(TestStreams.Frame("trade.SOL_USDC", """{"e":"trade","E":1,"T":1,"s":"SOL_USDC","p":"1","q":"1","t":1,"b":"1","a":"2","m":true}"""));
            await using var trades = await pending.OrTimeout();
        }

        var (strict, strictConnector, strictHttp) = Create(o => o.RequireMarketCatalog = true);
        await using (strict)
        {
            var pending = strict.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"));
            await strictHttp.NextRequestAsync();
            strictHttp.RespondJson("""{"code":"SERVICE_UNAVAILABLE","message":"down"}""", HttpStatusCode.ServiceUnavailable);

            var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
            Assert.Equal(BackpackStreamErrorCode.RequestFailed, error.ErrorCode);
            Assert.True(error.IsTransient);
            Assert.Empty(strictConnector.Connections);
        }
    }

    [Fact]
    public async Task StreamThatStaysSilent_IsMarkedAndLogged_UntilItsFirstItem()
    {
        await using var h = new ClientHarness(o => o.SilentStreamTimeout = TimeSpan.FromSeconds(30));
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("kline.1h.SOL_USDC"));
        await h.ReadRequestAsync();
        await h.Time.WaitForTimerAsync(h.Options.SubscribeErrorWindow);
        h.Time.Advance(h.Options.SubscribeErrorWindow);
        await using var klines = await pending.OrTimeout();
        Assert.False(klines.IsSilent);

        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.Logs.WaitForEntryAsync("[SilentStream]");
        Assert.True(klines.IsSilent);

        h.Connection.PushText(TestStreams.Frame("kline.1h.SOL_USDC", "{\"n\":1}"));
        Assert.Equal(["{\"n\":1}"], await SubscriptionReads.ReadAsync(klines, 1));
        Assert.False(klines.IsSilent);
    }

    private static (BackpackStreamClient Client, FakeWebSocketConnector Connector, FakeHttpHandler Http) Create(Action<BackpackStreamClientOptions>? configure = null, CapturingLoggerProvider? logs = null)
    {
        var connector = new FakeWebSocketConnector();
        var http = new FakeHttpHandler();
        var options = new BackpackStreamClientOptions { Endpoint = new Uri("wss://fake.test"), RestEndpoint = new Uri("https://rest.fake.test") };
        configure?.Invoke(options);
        var client = new BackpackStreamClient(Microsoft.Extensions.Options.Options.Create(options), connector, new ObservableTimeProvider(), logs, new HttpClient(http));
        return (client, connector, http);
    }
}
