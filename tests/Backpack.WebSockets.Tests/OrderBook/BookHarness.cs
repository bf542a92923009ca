using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>A book on a client with a fake socket, a fake clock, a hand-answered REST endpoint and a capturing logger.</summary>
public sealed class BookHarness : IAsyncDisposable
{
    public const string Symbol = "SOL_USDC";

    public BookHarness(Action<BackpackOrderBookOptions>? configure = null, Action<BackpackStreamClientOptions>? configureClient = null)
    {
        var clientOptions = new BackpackStreamClientOptions { Endpoint = new Uri("wss://fake.test"), RestEndpoint = new Uri("https://rest.fake.test"), ValidateSymbols = false };
        configureClient?.Invoke(clientOptions);
        Client = new BackpackStreamClient(Microsoft.Extensions.Options.Options.Create(clientOptions), Connector, Time, Logs, new HttpClient(Http));
        var options = new BackpackOrderBookOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(4) };
        configure?.Invoke(options);
        Book = new BackpackOrderBook(Client, Symbol, options);
    }

    public FakeWebSocketConnector Connector { get; } = new();

    public ObservableTimeProvider Time { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeHttpHandler Http { get; } = new();

    public BackpackStreamClient Client { get; }

    public BackpackOrderBook Book { get; }

    public FakeWebSocketConnection Connection => Connector.Current;

    /// <summary>Starts the book and waits for its SUBSCRIBE; returns the pending start.</summary>
    public async Task<Task> StartAsync()
    {
        var start = Book.StartAsync();
        Assert.Contains("depth.SOL_USDC", await Connection.ReadSentAsync().WaitAsync(TestTimeouts.Hang));
        return start;
    }

    /// <summary>Starts the book and syncs it: one update (1001) buffered, then a snapshot at 1000 with one level each side.</summary>
    public async Task StartSyncedAsync()
    {
        var start = await StartAsync();
        PushDiff(1001, 1001, [DepthJson.L("99.5", "2")], []);
        await Http.NextRequestAsync();
        Http.RespondJson(DepthJson.Snapshot(1000, [DepthJson.L("99", "1")], [DepthJson.L("101", "3")]));
        await start.OrTimeout();
    }

    /// <summary>
    /// Awaits <paramref name="task"/>, bounded by <see cref="TestTimeouts.Hang"/>; a hang fails with the captured log, so a
    /// rare one on a loaded machine can be explained from the CI output alone.
    /// </summary>
    public async Task OrTimeoutWithLogAsync(Task task)
    {
        try
        {
            await task.WaitAsync(TestTimeouts.Hang);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Hung; the log so far:{Environment.NewLine}{string.Join(Environment.NewLine, Logs.Entries)}", ex);
        }
    }

    public void PushDiff(long first, long last, (string, string)[] bids, (string, string)[] asks) =>
        Connection.PushText(DepthJson.Frame(Symbol, first, last, bids, asks));

    /// <summary>Matches the log line of a resync (event OrderBookResyncing) for <paramref name="reason"/>.</summary>
    public static Predicate<string> ResyncLogged(string reason) =>
        e => e.Contains("[OrderBookResyncing]", StringComparison.Ordinal) && e.Contains($"Reason={reason}", StringComparison.Ordinal);

    /// <summary>Waits until the published book satisfies <paramref name="condition"/>.</summary>
    public async Task<OrderBookSnapshot> WaitForAsync(Func<OrderBookSnapshot, bool> condition)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var snapshot in Book.WatchAsync(int.MaxValue, cts.Token))
        {
            if (condition(snapshot))
            {
                return snapshot;
            }
        }

        throw new InvalidOperationException("The book ended before the condition held.");
    }

    public async ValueTask DisposeAsync()
    {
        await Book.DisposeAsync();
        await Client.DisposeAsync();
    }
}
