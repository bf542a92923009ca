using System.Globalization;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>
/// What the latency sender sends on one connection: <see cref="Count"/> frames in total over <see cref="Streams"/>
/// streams (round robin), either paced at <see cref="Rate"/> messages per second or, when <see cref="Burst"/> is set, in
/// bursts of that many frames back to back with <see cref="BurstGap"/> between bursts. Carried in the request path
/// (<c>/latency/rate/count/streams/burst</c>).
/// </summary>
internal readonly record struct LatencySchedule(int Rate, int Count, int Streams, int Burst)
{
    /// <summary>The pause between two bursts: long enough for every receiver to drain one.</summary>
    public static readonly TimeSpan BurstGap = TimeSpan.FromMilliseconds(150);

    /// <summary>The label of the run in the report.</summary>
    public string Label => Burst > 0
        ? string.Create(CultureInfo.InvariantCulture, $"burst {Burst:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"{Rate:N0}/s");

    /// <summary>The request path that asks the sender for this schedule.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"latency/{Rate}/{Count}/{Streams}/{Burst}");

    /// <summary>Reads a schedule back from a request path, or null if the path is not one.</summary>
    public static LatencySchedule? TryParse(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts is not ["latency", var rate, var count, var streams, var burst])
        {
            return null;
        }

        static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return new LatencySchedule(Number(rate), Number(count), Number(streams), Number(burst));
    }
}
