using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Testing;
using Backpack.WebSockets.TestSupport;

namespace Backpack.WebSockets.IntegrationTests.OrderBook;

/// <summary>The real client and book against the simulator over loopback: lagging snapshots, injected gaps, a dropped connection.</summary>
public sealed class BackpackOrderBookSimulatorTests
{
    private const string Symbol = "SOL_USDC";
    private static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Book_ThroughGapsAndADroppedConnection_EndsEqualToTheServersBook_WithOneResyncPerFault()
    {
        await using var exchange = await SimulatedExchange.StartAsync(o => o.Symbols = [.. SimulatedMarket.CreateDefaults().Where(m => m.Symbol == Symbol)]);
        exchange.Simulator.SnapshotLag = 3;
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = exchange.Server.WebSocketUri,
            RestEndpoint = exchange.Server.RestUri,

            // Ample, so that the only faults are the injected ones (drops have their own unit test).
            StreamCapacity = 1 << 16,
        });
        await using var book = new BackpackOrderBook(client, Symbol, new BackpackOrderBookOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxSnapshotAttempts = 1000,
        });

        // A reader on another thread for the whole run: a synced book is never crossed, never out of order.
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(() => ReadContinuously(book, stopReading.Token));

        var start = book.StartAsync();
        await exchange.Server.WaitForSubscriptionAsync($"depth.{Symbol}").OrTimeout();
        await StepUntilAsync(exchange, () => start.IsCompleted, () => $"start: {book.State}");
        await start.OrTimeout();
        Assert.Equal(OrderBookState.Synced, book.State);

        var faults = 0;
        for (var gap = 0; gap < 4; gap++)
        {
            await exchange.StepAsync(400, StepInterval);
            exchange.Simulator.InjectGap(Symbol);
            faults++;
            await StepUntilAsync(exchange, () => book.ResyncCount == faults && book.State == OrderBookState.Synced, () => Describe(exchange, book, faults));
        }

        await exchange.StepAsync(400, StepInterval);
        exchange.Server.DropAllConnections();
        faults++;

        // The book subscribes again on a new connection; steps before that reach nobody.
        await exchange.Server.WaitForSubscriptionAsync($"depth.{Symbol}").OrTimeout();
        await StepUntilAsync(exchange, () => book.ResyncCount == faults && book.State == OrderBookState.Synced, () => Describe(exchange, book, faults));
        await exchange.StepAsync(400, StepInterval);

        // The simulator stands still now: wait for the book to reach the server's last update, then compare.
        var expected = exchange.Simulator.GetBook(Symbol, 50);
        var actual = await book.WaitForSyncedUpdateAsync(expected.LastUpdateId);
        await stopReading.CancelAsync();
        var readCount = await reader.OrTimeout();

        Assert.True(exchange.Simulator.StepCount > 2000, $"only {exchange.Simulator.StepCount} steps");
        Assert.Equal(OrderBookState.Synced, actual.State);
        Assert.Equal(expected.Bids.Select(l => (l.Price, l.Quantity)), actual.Bids.Select(l => (l.Price, l.Quantity)));
        Assert.Equal(expected.Asks.Select(l => (l.Price, l.Quantity)), actual.Asks.Select(l => (l.Price, l.Quantity)));
        Assert.Equal(50, actual.Bids.Count);
        Assert.Equal(faults, book.ResyncCount);
        Assert.True(readCount > 0);
    }

    [Fact]
    public async Task StartAsync_UnknownSymbol_FailsWithTheServersRejection()
    {
        // The real exchange ignores an unknown symbol silently; this server is told to reject it, as some deployments might.
        await using var exchange = await SimulatedExchange.StartAsync(configureServer: o => o.RejectUnknownSymbols = true);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = exchange.Server.WebSocketUri,
            RestEndpoint = exchange.Server.RestUri,

            // The server's own rejection is the point here, not the client's catalog check.
            ValidateSymbols = false,
        });
        await using var book = new BackpackOrderBook(client, "NOPE_USDC");

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => book.StartAsync()).OrTimeout();

        Assert.Equal(BackpackStreamErrorCode.SubscriptionRejected, error.ErrorCode);
        Assert.Equal(BackpackErrorCodes.InvalidStream, error.ServerCode);
        Assert.Equal(0, exchange.Server.DepthRequestCount);
    }

    /// <summary>The book against the server, for a failure message: a frozen book id means its writer stalled.</summary>
    private static string Describe(SimulatedExchange exchange, BackpackOrderBook book, int faults) =>
        $"fault {faults}: {book.State}, {book.ResyncCount} resyncs, book at update {book.LastUpdateId}, server at {exchange.Simulator.GetBook(Symbol, 0).LastUpdateId}";

    /// <summary>Steps the market until <paramref name="condition"/> holds; the time bound only turns a hang into a failure.</summary>
    private static async Task StepUntilAsync(SimulatedExchange exchange, Func<bool> condition, Func<string> describe)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < TestTimeouts.Hang)
        {
            if (condition())
            {
                return;
            }

            await exchange.StepAsync(1, StepInterval);
        }

        Assert.Fail($"The condition did not hold within {TestTimeouts.Hang} ({describe()}).");
    }

    private static int ReadContinuously(BackpackOrderBook book, CancellationToken token)
    {
        var synced = 0;
        while (!token.IsCancellationRequested)
        {
            var snapshot = book.GetSnapshot(20);
            if (snapshot.State != OrderBookState.Synced)
            {
                Assert.Empty(snapshot.Bids);
                continue;
            }

            synced++;
            Assert.True(snapshot.BestBid!.Value.Price < snapshot.BestAsk!.Value.Price, $"crossed at {snapshot.LastUpdateId}");
            for (var i = 1; i < snapshot.Bids.Count; i++)
            {
                Assert.True(snapshot.Bids[i].Price < snapshot.Bids[i - 1].Price);
            }

            for (var i = 1; i < snapshot.Asks.Count; i++)
            {
                Assert.True(snapshot.Asks[i].Price > snapshot.Asks[i - 1].Price);
            }
        }

        return synced;
    }
}
