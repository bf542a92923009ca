using Backpack.WebSockets;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Testing;
using Backpack.WebSockets.TestSupport;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Options;

namespace Backpack.StreamViewer.Tests.Replay;

/// <summary>
/// A simulator session recorded through the viewer's connector and HTTP wrappers, then replayed by
/// <see cref="BackpackTestServer.ReplayAsync"/> to a fresh client: the same trades in the same order, the same final book.
/// </summary>
public sealed class ReplayRoundTripTests
{
    private const string Symbol = "SOL_USDC";

    [Fact]
    public async Task ReplayAsync_OfARecordedSimulatorSession_GivesTheSameTradesInOrderAndTheSameFinalBook()
    {
        var (recording, recordedTrades, recordedBook) = await RecordSessionAsync();
        Assert.True(recording.IsComplete);
        Assert.Contains(recording.Messages, m => m.Kind == RecordedMessageKind.DepthSnapshot);
        Assert.True(recordedTrades.Count > 20, $"only {recordedTrades.Count} trades recorded");

        await using var server = new BackpackTestServer();
        await server.StartAsync();
        var replay = server.ReplayAsync(recording, new ReplayOptions { Speed = double.PositiveInfinity });
        await using var client = new BackpackStreamClient(Options(server));
        await using var trades = await client.SubscribeAsync(BackpackStreams.Trades(Symbol));
        await using var book = new BackpackOrderBook(client, Symbol);
        var start = book.StartAsync();

        var sent = await replay.OrTimeout();
        await start.OrTimeout();
        var replayedTrades = await ReadAsync(trades, recordedTrades.Count);
        var replayedBook = await book.WaitForSyncedUpdateAsync(recordedBook.LastUpdateId);

        Assert.Equal(recording.Messages.Count(m => m.Kind == RecordedMessageKind.Frame), sent);
        Assert.Equal(recordedTrades, replayedTrades);
        Assert.Equal(recordedBook.LastUpdateId, replayedBook.LastUpdateId);
        Assert.Equal(recordedBook.Bids, replayedBook.Bids);
        Assert.Equal(recordedBook.Asks, replayedBook.Asks);
    }

    [Fact]
    public async Task ReplayAsync_CorruptDepthSnapshot_FailsNamingItsLineBeforeSendingAnything()
    {
        var recording = Recordings.Read(Recordings.Write(recorder =>
        {
            recorder.OnFrame(1, "{\"data\":{},\"stream\":\"trade.SOL_USDC\"}"u8, Frames.Now);
            recorder.OnDepthSnapshot(Symbol, "{\"asks\":[[\"x\",\"1\"]],\"bids\":[],\"lastUpdateId\":\"1\"}"u8, Frames.Now);
        }));
        await using var server = new BackpackTestServer();
        await server.StartAsync();

        var error = await Assert.ThrowsAsync<RecordingFormatException>(() => server.ReplayAsync(recording)).OrTimeout();

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records a seeded simulator session: the book synced, then 300 steps; returns what the client saw.</summary>
    private static async Task<(SessionRecording Recording, List<Trade> Trades, OrderBookSnapshot Book)> RecordSessionAsync()
    {
        await using var server = new BackpackTestServer();
        await server.StartAsync();
        var simulator = new MarketSimulator(server, new MarketSimulatorOptions
        {
            Seed = 42,
            Symbols = [.. SimulatedMarket.CreateDefaults().Where(m => m.Symbol == Symbol)],
        });
        var tradeFrames = 0;
        server.FrameSent += (_, e) =>
        {
            if (e.Stream == BackpackStreams.Trades(Symbol).Name)
            {
                Interlocked.Increment(ref tradeFrames);
            }
        };

        using var file = new MemoryStream();
        List<Trade> trades;
        OrderBookSnapshot finalBook;
        using (var recorder = new BackpackSessionRecorder(file, leaveOpen: true))
        {
            var options = Options(server);
            var time = TimeProvider.System;
            using var http = new HttpClient(new SnapshotRecordingHandler(recorder, time, new SocketsHttpHandler()));
            await using var client = new BackpackStreamClient(
                Microsoft.Extensions.Options.Options.Create(options),
                new RecordingConnector(new ClientWebSocketConnector(options.ToConnectorOptions()), recorder, time),
                time,
                httpClient: http);
            await using var subscription = await client.SubscribeAsync(BackpackStreams.Trades(Symbol));
            await using var book = new BackpackOrderBook(client, Symbol);
            var start = book.StartAsync();
            await server.WaitForSubscriptionAsync(BackpackStreams.Depth(Symbol).Name).OrTimeout();

            // The book syncs from a snapshot plus the diffs after it, so the market must move until it has.
            for (var step = 0; !start.IsCompleted && step < 10_000; step++)
            {
                await simulator.StepAsync();
            }

            await start.OrTimeout();
            await simulator.StepAsync(300);

            // The simulator stands still now: everything it sent is on its way to the client.
            finalBook = await book.WaitForSyncedUpdateAsync(simulator.GetBook(Symbol, 0).LastUpdateId);
            trades = await ReadAsync(subscription, Volatile.Read(ref tradeFrames));
        }

        file.Position = 0;
        return (SessionRecording.Read(file), trades, finalBook);
    }

    private static BackpackStreamClientOptions Options(BackpackTestServer server) => new()
    {
        Endpoint = server.WebSocketUri,
        RestEndpoint = server.RestUri,

        // Ample, so that nothing is dropped on a loaded machine.
        StreamCapacity = 1 << 16,
    };

    private static async Task<List<Trade>> ReadAsync(BackpackSubscription<Trade> subscription, int count)
    {
        var trades = new List<Trade>(count);
        using var timeout = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var trade in subscription.WithCancellation(timeout.Token))
        {
            trades.Add(trade);
            if (trades.Count == count)
            {
                break;
            }
        }

        return trades;
    }
}
