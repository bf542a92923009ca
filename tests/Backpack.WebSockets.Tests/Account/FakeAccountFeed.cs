using Backpack.WebSockets.Account;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Tests.Account;

/// <summary>
/// The tracker's seam, faked: the three private subscriptions (the latest of each stream), a connection the test loses
/// and brings back, and a fake clock.
/// </summary>
internal sealed class FakeAccountFeed : IAccountFeed
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _connected = CompletedSignal();
    private readonly List<(int Count, TaskCompletionSource Signal)> _reconciliationWaiters = [];
    private int _reconciliations;
    private int _changesFound;

    public ObservableTimeProvider Time { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public TimeProvider TimeProvider => Time;

    public ILoggerFactory LoggerFactory => Logs;

    public FakeAccountSubscription<OrderUpdate> Orders { get; private set; } = null!;

    public FakeAccountSubscription<PositionUpdate> Positions { get; private set; } = null!;

    public FakeAccountSubscription<BalanceUpdate> Balances { get; private set; } = null!;

    /// <summary>The stream names subscribed, in order.</summary>
    public List<string> Subscribed { get; } = [];

    public int Reconciliations => Volatile.Read(ref _reconciliations);

    public int ChangesFound => Volatile.Read(ref _changesFound);

    /// <summary>Whether the tracker is waiting for the connection to come back.</summary>
    public bool IsWaitingForConnection { get; private set; }

    public Task<IAccountSubscription<T>> SubscribeAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken)
        where T : class
    {
        var subscription = new FakeAccountSubscription<T>(stream.Name);
        lock (_lock)
        {
            Subscribed.Add(stream.Name);
            switch (subscription)
            {
                case FakeAccountSubscription<OrderUpdate> orders:
                    Orders = orders;
                    break;
                case FakeAccountSubscription<PositionUpdate> positions:
                    Positions = positions;
                    break;
                case FakeAccountSubscription<BalanceUpdate> balances:
                    Balances = balances;
                    break;
            }
        }

        return Task.FromResult<IAccountSubscription<T>>(subscription);
    }

    public async Task WaitUntilResubscribedAsync(string streamName, CancellationToken cancellationToken)
    {
        Task connected;
        lock (_lock)
        {
            connected = _connected.Task;
            IsWaitingForConnection = !connected.IsCompleted;
        }

        await connected.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void OnReconciled(int changesFound)
    {
        Interlocked.Add(ref _changesFound, changesFound);
        lock (_lock)
        {
            var count = Interlocked.Increment(ref _reconciliations);
            foreach (var waiter in _reconciliationWaiters.Where(w => w.Count <= count).ToList())
            {
                _reconciliationWaiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    /// <summary>Completes once the tracker reported <paramref name="count"/> reconciliations.</summary>
    public Task WaitForReconciliationsAsync(int count)
    {
        lock (_lock)
        {
            if (Reconciliations >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _reconciliationWaiters.Add((count, signal));
            return signal.Task.WaitAsync(TestTimeouts.Hang);
        }
    }

    /// <summary>Loses the connection: a marker on every stream, each handled by the tracker before this completes.</summary>
    public async Task LoseConnectionAsync()
    {
        lock (_lock)
        {
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await Orders.PushAsync(AccountFeedItem<OrderUpdate>.ConnectionLost);
        await Positions.PushAsync(AccountFeedItem<PositionUpdate>.ConnectionLost);
        await Balances.PushAsync(AccountFeedItem<BalanceUpdate>.ConnectionLost);
    }

    /// <summary>The connection is back, its streams subscribed again.</summary>
    public void Reconnect()
    {
        lock (_lock)
        {
            _connected.TrySetResult();
        }
    }

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource();
        signal.SetResult();
        return signal;
    }
}
