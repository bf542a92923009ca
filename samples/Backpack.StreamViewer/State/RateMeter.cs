namespace Backpack.StreamViewer;

/// <summary>A counter's rate per second, measured over the last second or more.</summary>
internal sealed class RateMeter
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _lastCount;
    private DateTimeOffset? _lastAt;
    private double _rate;

    /// <summary>Takes <paramref name="count"/> at <paramref name="now"/>; returns the rate of the latest full interval.</summary>
    public double Sample(long count, DateTimeOffset now)
    {
        if (_lastAt is not { } lastAt)
        {
            (_lastAt, _lastCount) = (now, count);
            return 0;
        }

        var elapsed = now - lastAt;
        if (elapsed >= Interval)
        {
            _rate = (count - _lastCount) / elapsed.TotalSeconds;
            (_lastAt, _lastCount) = (now, count);
        }

        return _rate;
    }
}
