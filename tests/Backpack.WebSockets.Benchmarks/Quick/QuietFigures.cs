namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>Nanoseconds per update of 10 levels on a 50-level and a 2,000-level book.</summary>
/// <param name="Small">50 levels, a publication after every update (a quiet stream).</param>
/// <param name="Large">2,000 levels, a publication after every update.</param>
/// <param name="SmallBatched">50 levels, a publication every 64 updates: about the cost of applying alone.</param>
/// <param name="LargeBatched">2,000 levels, a publication every 64 updates.</param>
internal readonly record struct QuietFigures(double Small, double Large, double SmallBatched, double LargeBatched)
{
    /// <summary>What a publication adds to an update on the small book (quiet minus batched).</summary>
    public double SmallPublish => Small - SmallBatched;

    /// <summary>What a publication adds to an update on the large book.</summary>
    public double LargePublish => Large - LargeBatched;
}
