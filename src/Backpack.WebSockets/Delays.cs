namespace Backpack.WebSockets;

/// <summary>Waits that a server's <c>Retry-After</c> bounds from below.</summary>
internal static class Delays
{
    /// <summary>
    /// Waits at least <paramref name="delay"/> on <paramref name="timeProvider"/>'s clock: a timer may fire a few
    /// milliseconds early, and a server's <c>Retry-After</c> is a floor, not a hint.
    /// </summary>
    public static async Task AtLeastAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // As Task.Delay does, even for no delay: a cancelled caller stops here.
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        for (var remaining = delay; remaining > TimeSpan.Zero; remaining = delay - timeProvider.GetElapsedTime(started))
        {
            await Task.Delay(remaining, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="first"/> doubled <paramref name="doublings"/> times, but never past <paramref name="max"/>: a retry backoff.</summary>
    public static TimeSpan Doubling(TimeSpan first, int doublings, TimeSpan max)
    {
        var delay = first * Math.Pow(2, doublings);
        return delay > max ? max : delay;
    }
}
