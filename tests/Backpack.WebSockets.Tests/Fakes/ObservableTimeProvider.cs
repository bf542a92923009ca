using Microsoft.Extensions.Time.Testing;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that lets a test wait until the code under test started a timer of a given length,
/// so the test advances time only once the timer exists (no race, no sleep).
/// </summary>
public sealed class ObservableTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(TimeSpan DueTime, int AlreadySeen, TaskCompletionSource Signal)> _waiters = [];
    private readonly List<TimeSpan> _created = [];

    public ObservableTimeProvider()
        : base(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _created.Add(dueTime);
            var count = _created.Count(d => d == dueTime);

            // Only a waiter whose count is now exceeded: one waiting for the third such timer ignores the second.
            foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime && count > w.AlreadySeen).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes when a timer with <paramref name="dueTime"/> is created after <paramref name="alreadySeen"/> such timers.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int alreadySeen = 0)
    {
        lock (_lock)
        {
            if (_created.Count(d => d == dueTime) > alreadySeen)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, alreadySeen, signal));
            return signal.Task.WaitAsync(TestTimeouts.Hang);
        }
    }
}
