using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>
/// The order book's seam, faked: the test pushes updates and connection-lost markers into the book's subscription and
/// answers (or never answers) its snapshot requests by hand.
/// </summary>
internal sealed class FakeDepthFeed : IDepthFeed
{
    private readonly Channel<TaskCompletionSource<DepthSnapshot>> _snapshotRequests = Channel.CreateUnbounded<TaskCompletionSource<DepthSnapshot>>();
    private readonly Channel<FakeDepthSubscription> _subscriptions = Channel.CreateUnbounded<FakeDepthSubscription>();
    private int _resyncs;

    public ObservableTimeProvider Time { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public TimeProvider TimeProvider => Time;

    public ILoggerFactory LoggerFactory => Logs;

    /// <summary>How many resyncs the book reported.</summary>
    public int ResyncCount => Volatile.Read(ref _resyncs);

    /// <summary>How many snapshots the book asked for.</summary>
    public int SnapshotRequestCount { get; private set; }

    /// <summary>The subscriptions the book opened, in order.</summary>
    public List<FakeDepthSubscription> Subscriptions { get; } = [];

    public Task<IDepthSubscription> SubscribeAsync(BackpackStream<DepthUpdate> stream, CancellationToken cancellationToken)
    {
        var subscription = new FakeDepthSubscription(stream.Name);
        lock (Subscriptions)
        {
            Subscriptions.Add(subscription);
        }

        _subscriptions.Writer.TryWrite(subscription);
        return Task.FromResult<IDepthSubscription>(subscription);
    }

    public Task<DepthSnapshot> GetSnapshotAsync(string symbol, int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<DepthSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        SnapshotRequestCount++;
        _snapshotRequests.Writer.TryWrite(request);
        return request.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs when the book reports a resync, on the book's writer: lets a test look at the book at that moment.</summary>
    public Action? Resynced { get; set; }

    public void OnResync(string symbol)
    {
        Interlocked.Increment(ref _resyncs);
        Resynced?.Invoke();
    }

    public System.Diagnostics.Activity? StartResyncActivity(string symbol) => null;

    /// <summary>Waits for the book's next subscription.</summary>
    public Task<FakeDepthSubscription> NextSubscriptionAsync() => _subscriptions.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Hang);

    /// <summary>Waits for the book's next snapshot request and answers it with <paramref name="snapshot"/>.</summary>
    public async Task AnswerNextSnapshotAsync(DepthSnapshot snapshot) =>
        (await NextSnapshotRequestAsync()).TrySetResult(snapshot);

    /// <summary>Waits for the book's next snapshot request, to be answered later.</summary>
    public Task<TaskCompletionSource<DepthSnapshot>> NextSnapshotRequestAsync() =>
        _snapshotRequests.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Hang);

    /// <summary>A depth subscription the test writes into.</summary>
    internal sealed class FakeDepthSubscription(string streamName) : IDepthSubscription
    {
        private readonly Channel<DepthFeedItem> _items = Channel.CreateUnbounded<DepthFeedItem>();

        public string StreamName { get; } = streamName;

        public bool IsDisposed { get; private set; }

        public int BufferedCount => _items.Reader.Count;

        public void Push(DepthUpdate update, bool droppedBefore = false) => _items.Writer.TryWrite(new DepthFeedItem(update, droppedBefore));

        public void PushConnectionLost() => _items.Writer.TryWrite(DepthFeedItem.ConnectionLost);

        public void End(Exception? error = null) => _items.Writer.TryComplete(error);

        public async IAsyncEnumerable<DepthFeedItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }

        public ValueTask DisposeAsync()
        {
            IsDisposed = true;
            _items.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
