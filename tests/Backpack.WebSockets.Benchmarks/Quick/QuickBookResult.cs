namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>The order-book figures of the quick mode.</summary>
/// <param name="LevelUpdatesPerSecond">Level updates applied per second by the book's writer.</param>
/// <param name="SnapshotNanoseconds">The cost of one <c>GetSnapshot(10)</c>.</param>
/// <param name="SnapshotBytes">Bytes allocated by one <c>GetSnapshot(10)</c>.</param>
/// <param name="BestBidNanoseconds">The cost of one <c>BestBid</c> read.</param>
/// <param name="Quiet">A quiet stream on a 50-level and a 2,000-level book, and the same batched.</param>
internal sealed record QuickBookResult(double LevelUpdatesPerSecond, double SnapshotNanoseconds, double SnapshotBytes, double BestBidNanoseconds, QuietFigures Quiet)
{
    /// <summary>The quiet stream's cost per update on 2,000 levels over 50 (book_publish_2000_vs_50).</summary>
    public double QuietRatio => Quiet.Large / Quiet.Small;

    /// <summary>One line: the quiet stream on both books, and what the publication adds on each.</summary>
    public string QuietText => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"quiet stream (publish after every update of 10 levels): {Quiet.Small:F0} ns per update on a 50-level book, {Quiet.Large:F0} ns on a 2,000-level book ({QuietRatio:F2}x); publishing every 64: {Quiet.SmallBatched:F0} and {Quiet.LargeBatched:F0} ns, so a publication adds {Quiet.SmallPublish:F0} and {Quiet.LargePublish:F0} ns");
}
