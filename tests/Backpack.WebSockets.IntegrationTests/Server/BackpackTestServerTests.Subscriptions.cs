using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    [Fact]
    public async Task Subscribe_Valid_IsSilentAndDataFlows()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("trade.SOL_USDC", "bookTicker.SOL_USDC");
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe("trade.SOL_USDC")).OrTimeout();
        var sent = await server.PublishAsync("trade.SOL_USDC", """{"e":"trade","s":"SOL_USDC","t":1}""");

        // The first frame after a successful subscribe is data: there is no ACK.
        Assert.Equal("""{"data":{"e":"trade","s":"SOL_USDC","t":1},"stream":"trade.SOL_USDC"}""", await socket.ReceiveTextAsync());
        Assert.Equal(1, sent);
        Assert.Null(request.ErrorCode);
        Assert.Equal(["trade.SOL_USDC", "bookTicker.SOL_USDC"], request.Params);
        Assert.Equal(["bookTicker.SOL_USDC", "trade.SOL_USDC"], server.ActiveSubscriptions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("bookTicker.SOL_USDC")]
    [InlineData("depth.SOL_USDC")]
    [InlineData("depth.200ms.SOL_USDC")]
    [InlineData("depth.600ms.BTC_USDC")]
    [InlineData("depth.1000ms.ETH_USDC")]
    [InlineData("trade.SOL_USDC_PERP")]
    [InlineData("ticker.SOL_USDC")]
    [InlineData("kline.1s.SOL_USDC")]
    [InlineData("kline.1m.SOL_USDC")]
    [InlineData("kline.12h.SOL_USDC")]
    [InlineData("kline.1month.BTC_USDC")]
    [InlineData("markPrice.BTC_USDC_PERP")]
    [InlineData("openInterest.SOL_USDC_PERP")]
    [InlineData("liquidation")]
    [InlineData("externalTicker.MU.US_USDC")]
    [InlineData("stockPrice.NVDA")]
    [InlineData("stockIndicativeQuote.BRK.B")]
    public async Task Subscribe_EveryPublicStreamType_IsAccepted(string stream)
    {
        await using var server = await StartServerAsync(options =>
        {
            options.KnownSymbols.Add("MU.US_USDC");
            options.KnownSymbols.Add("NVDA");
            options.KnownSymbols.Add("BRK.B");
        });
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync(stream);
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe(stream)).OrTimeout();

        Assert.Null(request.ErrorCode);
        Assert.True(server.HasSubscribers(stream));
    }

    [Theory]
    [InlineData("foo.SOL_USDC")]
    [InlineData("liquidation.SOL_USDC")]
    [InlineData("depth.")]
    [InlineData("stockPrice.")]
    [InlineData("kline.2m.SOL_USDC")]
    [InlineData("kline.1M.SOL_USDC")]
    [InlineData("kline.1m")]
    [InlineData("trades.SOL_USDC")]
    [InlineData("bookticker.SOL_USDC")]
    [InlineData("stockprice.NVDA")]
    [InlineData("SOL_USDC@depth")]
    [InlineData("")]
    public async Task Subscribe_UnknownStreamType_Answers4006AndKeepsConnection(string stream)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync(stream);
        var error = Frames.Error(await socket.ReceiveJsonAsync());

        Assert.Equal((4006, "Invalid stream"), error);
        Assert.Empty(server.ActiveSubscriptions);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Theory]
    [InlineData("bookTicker.SPCX.US_USDC")]
    [InlineData("depth.200ms.SPCX.US_USDC")]
    [InlineData("kline.1m.SPCX.US_USDC")]
    public async Task Subscribe_SymbolWithDot_IsMatchedByPrefixNotSplit(string stream)
    {
        await using var server = await StartServerAsync(options => options.KnownSymbols.Add("SPCX.US_USDC"));
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync(stream);
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe(stream)).OrTimeout();

        Assert.Null(request.ErrorCode);
    }

    [Theory]
    [InlineData("depth.NOPE_USDC_PERP")]
    [InlineData("depth.sol_usdc")]
    [InlineData("depth.5.BTC_USDC_PERP")]
    [InlineData("depth.200ms.NOPE_USDC")]
    [InlineData("kline.1m.NOPE_USDC")]
    [InlineData("externalTicker.NOPE.US_USDC")]
    [InlineData("stockPrice.NOPE")]
    [InlineData("stockIndicativeQuote.NOPE")]
    [InlineData("account.orderUpdate.NOPE_USDC")]
    public async Task Subscribe_UnknownSymbol_IsSilentNoErrorNoData(string stream)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await SubscribeAsync(socket, stream);

        var request = await server.WaitForRequestAsync(r => r.IsSubscribe(stream)).OrTimeout();
        await server.PublishAsync(stream, """{"e":"never"}""");

        // The next frame on the socket is the probe's data: no error frame came before it, and no data of the stream.
        Assert.Null(request.ErrorCode);
        Assert.False(server.HasSubscribers(stream));
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Fact]
    public async Task Subscribe_UnknownSymbolWithRejectUnknownSymbols_Answers4006()
    {
        await using var server = await StartServerAsync(options => options.RejectUnknownSymbols = true);
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("depth.NOPE_USDC");

        Assert.Equal((4006, "Invalid stream"), Frames.Error(await socket.ReceiveJsonAsync()));
        Assert.Empty(server.ActiveSubscriptions);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Theory]
    [InlineData("depth.100ms.SOL_USDC")]
    [InlineData("depth.0ms.SOL_USDC")]
    [InlineData("depth.250ms.BTC_USDC")]
    [InlineData("depth.100ms.NOPE_USDC")]
    public async Task Subscribe_UnsupportedDepthWindow_Answers4008AndKeepsConnection(string stream)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync(stream);

        Assert.Equal((4008, "Invalid depth window"), Frames.Error(await socket.ReceiveJsonAsync()));
        Assert.Empty(server.ActiveSubscriptions);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Fact]
    public async Task Subscribe_OneUnknownTypeAmongValid_RejectsTheWholeRequest()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("trade.SOL_USDC", "nope.SOL_USDC");

        Assert.Equal(BackpackErrorCodes.InvalidStream, Frames.Error(await socket.ReceiveJsonAsync()).Code);
        Assert.Empty(server.ActiveSubscriptions);
    }

    [Fact]
    public async Task Subscribe_OneUnknownSymbolAmongValid_SubscribesTheValidOnes()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("trade.SOL_USDC", "depth.NOPE_USDC");
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe("trade.SOL_USDC")).OrTimeout();

        Assert.Null(request.ErrorCode);
        Assert.Equal(["trade.SOL_USDC"], server.ActiveSubscriptions);
    }

    [Fact]
    public async Task Subscribe_OneUnknownSymbolAmongValidWithRejectUnknownSymbols_RejectsTheWholeRequest()
    {
        await using var server = await StartServerAsync(options => options.RejectUnknownSymbols = true);
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("trade.SOL_USDC", "depth.NOPE_USDC");

        Assert.Equal(BackpackErrorCodes.InvalidStream, Frames.Error(await socket.ReceiveJsonAsync()).Code);
        Assert.Empty(server.ActiveSubscriptions);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"method\":")]
    [InlineData("[1,2]")]
    [InlineData("""{"params":["trade.SOL_USDC"]}""")]
    [InlineData("""{"method":"FOO","params":["trade.SOL_USDC"]}""")]
    [InlineData("""{"method":"FOO"}""")]
    [InlineData("""{"method":"subscribe","params":["trade.SOL_USDC"]}""")]
    [InlineData("""{"method":7,"params":["trade.SOL_USDC"]}""")]
    public async Task NotJsonOrUnknownMethod_Answers4002ParseErrorAndKeepsConnection(string text)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SendTextAsync(text);
        var error = Frames.Error(await socket.ReceiveJsonAsync());
        var request = await server.WaitForRequestAsync(r => r.RawText == text).OrTimeout();

        Assert.Equal((4002, "Parse error"), error);
        Assert.Equal(BackpackErrorCodes.ParseError, request.ErrorCode);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Theory]
    [InlineData("""{"method":"SUBSCRIBE","params":"trade.SOL_USDC"}""")]
    [InlineData("""{"method":"SUBSCRIBE","params":[1]}""")]
    [InlineData("""{"method":"SUBSCRIBE"}""")]
    [InlineData("""{"method":"SUBSCRIBE","params":[]}""")]
    [InlineData("""{"method":"UNSUBSCRIBE","params":{}}""")]
    public async Task MalformedParams_Answers4000AndKeepsConnection(string text)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SendTextAsync(text);
        var error = Frames.Error(await socket.ReceiveJsonAsync());
        var request = await server.WaitForRequestAsync(r => r.RawText == text).OrTimeout();

        Assert.Equal((BackpackErrorCodes.InvalidRequest, BackpackErrorCodes.InvalidRequestMessage), error);
        Assert.Equal(BackpackErrorCodes.InvalidRequest, request.ErrorCode);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Fact]
    public async Task BinaryMessage_Answers4000AndKeepsConnection()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.Socket.SendAsync(Encoding.UTF8.GetBytes(TestSocket.Request("SUBSCRIBE", ["trade.SOL_USDC"])), WebSocketMessageType.Binary, true, CancellationToken.None).OrTimeout();

        Assert.Equal(BackpackErrorCodes.InvalidRequest, Frames.Error(await socket.ReceiveJsonAsync()).Code);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Fact]
    public async Task Subscribe_WithId_IsToleratedAndRecorded()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SendTextAsync("""{"method":"SUBSCRIBE","params":["depth.200ms.SOL_USDC"],"id":2}""");
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe("depth.200ms.SOL_USDC")).OrTimeout();

        Assert.Null(request.ErrorCode);
        Assert.Equal("2", request.Id);
        Assert.False(request.HasSignature);
        Assert.Equal(1, request.ConnectionId);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Fact]
    public async Task Unsubscribe_StopsTheFlowOfThatStreamOnly()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeAsync("trade.SOL_USDC", "ticker.SOL_USDC");
        await server.WaitForSubscriptionAsync("ticker.SOL_USDC").OrTimeout();
        await server.PublishAsync("trade.SOL_USDC", """{"n":1}""");
        Assert.Contains("\"n\":1", await socket.ReceiveTextAsync());

        await socket.UnsubscribeAsync("trade.SOL_USDC");
        var request = await server.WaitForRequestAsync(r => r.IsUnsubscribe("trade.SOL_USDC")).OrTimeout();
        var tradeRecipients = await server.PublishAsync("trade.SOL_USDC", """{"n":2}""");
        await server.PublishAsync("ticker.SOL_USDC", """{"n":3}""");

        // Frames keep their order, so the next frame being the ticker proves the trade was not sent.
        Assert.Equal("""{"data":{"n":3},"stream":"ticker.SOL_USDC"}""", await socket.ReceiveTextAsync());
        Assert.Equal(0, tradeRecipients);
        Assert.Null(request.ErrorCode);
        Assert.Equal(["ticker.SOL_USDC"], server.ActiveSubscriptions);
    }

    [Fact]
    public async Task Unsubscribe_UnknownName_IsSilentlyIgnored()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.UnsubscribeAsync("foo.BAR", "trade.SOL_USDC");
        var request = await server.WaitForRequestAsync(r => r.Method == "UNSUBSCRIBE").OrTimeout();

        Assert.Null(request.ErrorCode);
        await AssertConnectionStillServesAsync(server, socket);
    }

    [Fact]
    public async Task Publish_ReachesOnlyConnectionsSubscribedToThatExactStream()
    {
        await using var server = await StartServerAsync();
        await using var depth = await TestSocket.ConnectAsync(server.WebSocketUri);
        await using var aggregated = await TestSocket.ConnectAsync(server.WebSocketUri);
        await depth.SubscribeAsync("depth.SOL_USDC");
        await aggregated.SubscribeAsync("depth.200ms.SOL_USDC");
        await server.WaitForSubscriptionAsync("depth.SOL_USDC").OrTimeout();
        await server.WaitForSubscriptionAsync("depth.200ms.SOL_USDC").OrTimeout();

        Assert.Equal(1, await server.PublishAsync("depth.200ms.SOL_USDC", """{"x":"agg"}"""));
        Assert.Equal(1, await server.PublishAsync("depth.SOL_USDC", """{"x":"rt"}"""));
        Assert.Equal(0, await server.PublishAsync("depth.BTC_USDC", """{"x":"none"}"""));

        Assert.Equal("""{"data":{"x":"rt"},"stream":"depth.SOL_USDC"}""", await depth.ReceiveTextAsync());
        Assert.Equal("""{"data":{"x":"agg"},"stream":"depth.200ms.SOL_USDC"}""", await aggregated.ReceiveTextAsync());
        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal([1L, 2L], server.Requests.Select(r => r.ConnectionId).Order());
    }

    [Fact]
    public async Task PublishAsync_InvalidJsonPayload_Throws()
    {
        await using var server = await StartServerAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => server.PublishAsync("trade.SOL_USDC", "{nope"));
    }

    [Fact]
    public async Task PublishRawFrameAsync_SendsTextAsIsToEveryConnection()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await server.WaitForConnectionsAsync(1).OrTimeout();

        Assert.Equal(1, await server.PublishRawFrameAsync("""{"stream":"trade.SOL_USDC","data":{"""));

        Assert.Equal("""{"stream":"trade.SOL_USDC","data":{""", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task MaxStreamsPerConnection_OverTheLimit_Answers4007AndSubscribesNothing()
    {
        await using var server = await StartServerAsync(options => options.MaxStreamsPerConnection = 2);
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("trade.SOL_USDC", "trade.BTC_USDC", "trade.ETH_USDC");
        Assert.Equal((BackpackErrorCodes.TooManyStreams, "Too many streams"), Frames.Error(await socket.ReceiveJsonAsync()));
        await socket.SubscribeAsync("trade.SOL_USDC", "trade.BTC_USDC");
        await socket.SubscribeAsync("trade.SOL_USDC");
        await socket.SubscribeAsync("trade.ETH_USDC");

        Assert.Equal(BackpackErrorCodes.TooManyStreams, Frames.Error(await socket.ReceiveJsonAsync()).Code);
        Assert.Equal([BackpackErrorCodes.TooManyStreams, null, null, BackpackErrorCodes.TooManyStreams], server.Requests.Select(r => r.ErrorCode));
        Assert.Equal(["trade.BTC_USDC", "trade.SOL_USDC"], server.ActiveSubscriptions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WaitForRequestAsync_Cancelled_Throws()
    {
        await using var server = await StartServerAsync();
        using var cancellation = new CancellationTokenSource();

        var wait = server.WaitForRequestAsync(_ => true, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait).OrTimeout();
    }

    /// <summary>Proves a connection is open and served: a new subscribe works and data arrives.</summary>
    private static async Task AssertConnectionStillServesAsync(BackpackTestServer server, TestSocket socket)
    {
        await socket.SubscribeAsync("ticker.ETH_USDC");
        await server.WaitForSubscriptionAsync("ticker.ETH_USDC").OrTimeout();
        await server.PublishAsync("ticker.ETH_USDC", """{"alive":true}""");
        Assert.Equal("""{"data":{"alive":true},"stream":"ticker.ETH_USDC"}""", await socket.ReceiveTextAsync());
    }
}
