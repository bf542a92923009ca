using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>
/// permessage-deflate (spec §2.4) over real sockets: negotiated when both sides want it, plain text when either does not,
/// and the same items either way. The inflated-size bound is in <see cref="DeflateBombLoopbackTests"/>.
/// </summary>
public sealed class CompressionLoopbackTests
{
    /// <summary>A depth frame of many similar levels: repetitive JSON, as market data is.</summary>
    private static readonly DepthUpdate s_bigDepth = new()
    {
        Symbol = "SOL_USDC",
        EventTime = WireTime.Micros(1694687965941000),
        EngineTime = WireTime.Micros(1694687965940999),
        FirstUpdateId = 1,
        LastUpdateId = 1,
        Bids = [.. Enumerable.Range(0, 300).Select(i => new PriceLevel(180m - (i * 0.01m), 1.5m + i))],
        Asks = [.. Enumerable.Range(0, 300).Select(i => new PriceLevel(180.01m + (i * 0.01m), 2.5m + i))],
    };

    [Fact]
    public async Task Connector_BothSidesWantIt_NegotiatesDeflateAndFramesShrinkOnTheWire()
    {
        await using var server = await StartServerAsync(enableCompression: true);
        await using var connection = await ConnectAsync(server, enableCompression: true);

        var (text, wireBytes) = await SubscribeAndReceiveBigDepthAsync(server, connection);

        Assert.True(connection.IsCompressed);
        Assert.Contains("\"stream\":\"depth.SOL_USDC\"", text);
        Assert.True(wireBytes < text.Length / 3, $"{wireBytes} bytes on the wire for a {text.Length}-byte message.");
    }

    [Fact]
    public async Task Connector_ServerRefusesCompression_PlainTextAndNotCompressed()
    {
        await using var server = await StartServerAsync(enableCompression: false);
        await using var connection = await ConnectAsync(server, enableCompression: true);

        var (text, wireBytes) = await SubscribeAndReceiveBigDepthAsync(server, connection);

        Assert.False(connection.IsCompressed);
        Assert.Contains("\"stream\":\"depth.SOL_USDC\"", text);
        Assert.True(wireBytes >= text.Length, $"{wireBytes} bytes on the wire for a {text.Length}-byte message: not plain.");
    }

    [Fact]
    public async Task Connector_CompressionOffInTheOptions_DoesNotOffer()
    {
        await using var server = await StartServerAsync(enableCompression: true);
        await using var connection = await ConnectAsync(server, enableCompression: false);

        var (text, wireBytes) = await SubscribeAndReceiveBigDepthAsync(server, connection);

        Assert.False(connection.IsCompressed);
        Assert.True(wireBytes >= text.Length);
    }

    [Fact]
    public async Task Client_EveryStreamFamily_ParsesIdenticallyCompressedAndPlain()
    {
        await using var exchange = await SimulatedExchange.StartAsync(o =>
        {
            o.AccountPublicKey = TestKeys.PublicKey;
            o.AccountActivity = 0.3;
            o.LiquidationProbability = 0.3;
        });
        var sent = new ConcurrentDictionary<(long Connection, string Stream), int>();
        exchange.Server.FrameSent += (_, e) => sent.AddOrUpdate((e.ConnectionId, e.Stream), 1, (_, n) => n + 1);

        // Connected one after the other, so the compressed client's socket is connection 1 and the plain one's 2.
        await using var compressed = CreateClient(exchange.Server, enableCompression: true);
        await compressed.ConnectAsync().OrTimeout();
        await exchange.Server.WaitForConnectionsAsync(1).OrTimeout();
        await using var plain = CreateClient(exchange.Server, enableCompression: false);
        await plain.ConnectAsync().OrTimeout();
        await exchange.Server.WaitForConnectionsAsync(2).OrTimeout();

        var families = new List<Func<Task>>();
        async Task AddAsync<T>(BackpackStream<T> stream)
        {
            var a = await compressed.SubscribeAsync(stream).OrTimeout();
            var b = await plain.SubscribeAsync(stream).OrTimeout();
            families.Add(async () =>
            {
                await using (a)
                await using (b)
                {
                    var count = sent.GetValueOrDefault((1, stream.Name));
                    Assert.True(count > 0, $"The simulator sent nothing on {stream.Name}.");
                    Assert.Equal(count, sent.GetValueOrDefault((2, stream.Name)));
                    Assert.Equal(Json(await ReadAsync(a, count)), Json(await ReadAsync(b, count)));
                }
            });
        }

        await AddAsync(BackpackStreams.Depth("SOL_USDC"));
        await AddAsync(BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds200));
        await AddAsync(BackpackStreams.BookTicker("SOL_USDC"));
        await AddAsync(BackpackStreams.Trades("SOL_USDC"));
        await AddAsync(BackpackStreams.Ticker("SOL_USDC"));
        await AddAsync(BackpackStreams.Klines("SOL_USDC", KlineInterval.OneMinute));
        await AddAsync(BackpackStreams.MarkPrice("SOL_USDC_PERP"));
        await AddAsync(BackpackStreams.OpenInterest("SOL_USDC_PERP"));
        await AddAsync(BackpackStreams.Liquidations());
        await AddAsync(BackpackStreams.ExternalTicker("SOL_USDC"));
        await AddAsync(BackpackStreams.StockPrice("NVDA"));
        await AddAsync(BackpackStreams.StockIndicativeQuote("NVDA"));
        await AddAsync(BackpackStreams.OrderUpdates());
        await AddAsync(BackpackStreams.BalanceUpdates());
        await exchange.Server.WaitUntilAsync(() => exchange.Server.Requests.Count(r => r.Method == "SUBSCRIBE" && r.ErrorCode is null) >= 2 * families.Count).OrTimeout();

        await exchange.StepAsync(150, TimeSpan.FromSeconds(1));
        await exchange.Simulator.StepAsync(1); // flush: the last step's frames are sent before this one starts

        foreach (var family in families)
        {
            await family();
        }

        Assert.Equal(0, compressed.ParseFailureCount);
        Assert.Equal(0, plain.ParseFailureCount);
        Assert.True(exchange.Server.GetWireBytesSent(1) < exchange.Server.GetWireBytesSent(2) / 2, "The compressed connection did not carry fewer bytes.");
    }

    internal static async Task<BackpackTestServer> StartServerAsync(bool enableCompression)
    {
        var server = new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey, EnableCompression = enableCompression });
        await server.StartAsync();
        return server;
    }

    private static Task<IWebSocketConnection> ConnectAsync(BackpackTestServer server, bool enableCompression) =>
        new ClientWebSocketConnector(new ClientWebSocketConnectorOptions { EnableCompression = enableCompression })
            .ConnectAsync(server.WebSocketUri).OrTimeout();

    private static BackpackStreamClient CreateClient(BackpackTestServer server, bool enableCompression) => new(new BackpackStreamClientOptions
    {
        Endpoint = server.WebSocketUri,
        RestEndpoint = server.RestUri,
        ApiSecret = TestKeys.SecretSeed,

        // The simulated exchange runs on a fake clock; signed subscribes take their timestamps from its /api/v1/time.
        SynchronizeClock = true,
        EnableCompression = enableCompression,
        SubscribeErrorWindow = TimeSpan.FromMilliseconds(50),
        StreamCapacity = 100_000,

        // One socket per client, so each client's frames are counted on one server connection.
        DedicatedPrivateConnection = false,
    });

    /// <summary>
    /// Subscribes over a bare connection (the SUBSCRIBE sent uncompressed, as a signed one would be), publishes
    /// <see cref="s_bigDepth"/> and returns its text and the bytes the server wrote on the wire for it.
    /// </summary>
    private static async Task<(string Text, long WireBytes)> SubscribeAndReceiveBigDepthAsync(BackpackTestServer server, IWebSocketConnection connection)
    {
        var request = Encoding.UTF8.GetBytes("""{"method":"SUBSCRIBE","params":["depth.SOL_USDC"]}""");
        await connection.SendAsync(request, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, CancellationToken.None).AsTask().OrTimeout();
        await server.WaitForSubscriptionAsync("depth.SOL_USDC").OrTimeout();
        var connectionId = server.Requests.Single().ConnectionId;
        var before = server.GetWireBytesSent(connectionId)!.Value;

        await server.PublishAsync(BackpackStreams.Depth("SOL_USDC"), s_bigDepth).OrTimeout();
        var text = await ReceiveTextAsync(connection);

        return (text, server.GetWireBytesSent(connectionId)!.Value - before);
    }

    private static async Task<string> ReceiveTextAsync(IWebSocketConnection connection)
    {
        var buffer = new byte[1024 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await connection.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().OrTimeout();
            length += result.Count;
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static async Task<List<T>> ReadAsync<T>(BackpackSubscription<T> subscription, int count)
    {
        var items = new List<T>(count);
        await using var reader = subscription.GetAsyncEnumerator();
        while (items.Count < count)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout(), $"{subscription.StreamName} ended early.");
            items.Add(reader.Current);
        }

        return items;
    }

    // Records compare lists by reference; their JSON compares them by content.
    private static string Json<T>(List<T> items) => JsonSerializer.Serialize(items);
}
