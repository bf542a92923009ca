using Backpack.WebSockets.Account;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Account;

/// <summary>Collects a tracker's changes from the moment it is created; a test waits for a condition on them.</summary>
internal sealed class ChangeLog
{
    private readonly Lock _lock = new();
    private readonly List<AccountChange> _changes = [];
    private readonly List<(Func<IReadOnlyList<AccountChange>, bool> Condition, TaskCompletionSource Signal)> _waiters = [];

    public ChangeLog(BackpackAccountTracker tracker)
    {
        // The first MoveNextAsync registers the watcher at once, before any change can be missed.
        var enumerator = tracker.WatchAsync().GetAsyncEnumerator();
        Completion = PumpAsync(enumerator, enumerator.MoveNextAsync());
    }

    public Task Completion { get; }

    public IReadOnlyList<AccountChange> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public Task WaitForAsync(Func<IReadOnlyList<AccountChange>, bool> condition)
    {
        lock (_lock)
        {
            if (condition(_changes))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, signal));
            return signal.Task.WaitAsync(TestTimeouts.Hang);
        }
    }

    private async Task PumpAsync(IAsyncEnumerator<AccountChange> enumerator, ValueTask<bool> first)
    {
        try
        {
            var more = await first;
            while (more)
            {
                lock (_lock)
                {
                    _changes.Add(enumerator.Current);
                    foreach (var waiter in _waiters.Where(w => w.Condition(_changes)).ToList())
                    {
                        _waiters.Remove(waiter);
                        waiter.Signal.TrySetResult();
                    }
                }

                more = await enumerator.MoveNextAsync();
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }
}
