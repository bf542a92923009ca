using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Backpack.WebSockets.Account;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Account;

/// <summary>One faked private subscription: the test pushes items and markers and waits until the tracker handled them.</summary>
internal sealed class FakeAccountSubscription<T> : IAccountSubscription<T>
    where T : class
{
    private readonly Channel<AccountFeedItem<T>> _channel = Channel.CreateUnbounded<AccountFeedItem<T>>();
    private readonly Lock _lock = new();
    private readonly List<(long Target, TaskCompletionSource Signal)> _waiters = [];
    private long _written;
    private long _consumed;

    public FakeAccountSubscription(string streamName) => StreamName = streamName;

    public string StreamName { get; }

    public bool IsDisposed { get; private set; }

    /// <summary>Pushes an item (or the marker) and completes once the tracker handled it.</summary>
    public Task PushAsync(AccountFeedItem<T> item)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _written++;
            _waiters.Add((_written, signal));
            _channel.Writer.TryWrite(item);
        }

        return signal.Task.WaitAsync(TestTimeouts.Hang);
    }

    public Task PushAsync(T item) => PushAsync(new AccountFeedItem<T>(item));

    /// <summary>Ends the subscription with an error, after the items pushed.</summary>
    public void Fail(Exception error) => _channel.Writer.TryComplete(error);

    public async IAsyncEnumerable<AccountFeedItem<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_channel.Reader.TryRead(out var item))
                {
                    yield return item;

                    // Resumed: the tracker finished handling the item.
                    MarkConsumed();
                }
            }
        }
        finally
        {
            IsDisposed = true;
        }
    }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        _channel.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void MarkConsumed()
    {
        lock (_lock)
        {
            _consumed++;
            foreach (var waiter in _waiters.Where(w => w.Target <= _consumed).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }
}
