namespace Backpack.WebSockets.Testing;

/// <summary>
/// Completes waiters when a condition over the server's state becomes true, without polling: every state change
/// calls <see cref="Notify"/>, which re-evaluates the pending probes.
/// </summary>
/// <remarks>
/// A waiter is added before its probe is first evaluated, so a change between the two is never missed.
/// Probes must be cheap and must not block; they take the server's state lock themselves.
/// </remarks>
internal sealed class ConditionMonitor
{
    /// <summary>The non-null result of a boolean condition.</summary>
    private static readonly object s_true = new();

    /// <summary>The pending waiters; guarded by itself.</summary>
    private readonly List<IWaiter> _waiters = [];

    /// <summary>Waits until <paramref name="probe"/> returns a non-null value and returns that value.</summary>
    public async Task<T> WaitAsync<T>(Func<T?> probe, CancellationToken cancellationToken)
        where T : class
    {
        var waiter = new Waiter<T>(probe);
        lock (_waiters)
        {
            _waiters.Add(waiter);
        }

        try
        {
            waiter.Evaluate();
            using (cancellationToken.Register(static state => ((IWaiter)state!).Cancel(), waiter))
            {
                return await waiter.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_waiters)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken) =>
        WaitAsync(() => condition() ? s_true : null, cancellationToken);

    /// <summary>Re-evaluates every pending waiter after a state change.</summary>
    public void Notify()
    {
        IWaiter[] pending;
        lock (_waiters)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            pending = [.. _waiters];
        }

        foreach (var waiter in pending)
        {
            waiter.Evaluate();
        }
    }

    /// <summary>A pending wait, seen without its result type.</summary>
    private interface IWaiter
    {
        void Evaluate();

        void Cancel();
    }

    /// <summary>One pending wait: a probe and the completion source it completes.</summary>
    private sealed class Waiter<T>(Func<T?> probe) : IWaiter
        where T : class
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public void Evaluate()
        {
            if (_completion.Task.IsCompleted)
            {
                return;
            }

            try
            {
                if (probe() is { } result)
                {
                    _completion.TrySetResult(result);
                }
            }
            catch (Exception exception)
            {
                // A throwing predicate belongs to the test that wrote it: surface it there.
                _completion.TrySetException(exception);
            }
        }

        public void Cancel() => _completion.TrySetCanceled();
    }
}
