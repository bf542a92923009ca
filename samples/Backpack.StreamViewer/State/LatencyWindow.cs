namespace Backpack.StreamViewer;

/// <summary>The latest event-to-screen latencies, for the status panel's last, median and max.</summary>
internal sealed class LatencyWindow
{
    private const int Size = 200;

    private readonly Queue<TimeSpan> _samples = new();
    private TimeSpan _last;

    /// <summary>Adds the latency of each event first shown at <paramref name="shownAt"/>.</summary>
    public void Add(IEnumerable<DateTimeOffset> eventTimes, DateTimeOffset shownAt)
    {
        foreach (var time in eventTimes)
        {
            _last = shownAt - time;
            _samples.Enqueue(_last);
            if (_samples.Count > Size)
            {
                _samples.Dequeue();
            }
        }
    }

    /// <summary>The figures; <see langword="null"/> before the first sample.</summary>
    public LatencyView? View()
    {
        if (_samples.Count == 0)
        {
            return null;
        }

        var sorted = _samples.Order().ToArray();
        return new LatencyView(_last, sorted[sorted.Length / 2], sorted[^1]);
    }
}
