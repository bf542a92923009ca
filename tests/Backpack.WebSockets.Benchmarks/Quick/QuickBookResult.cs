namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>The order-book figures of the quick mode.</summary>
/// <param name="LevelUpdatesPerSecond">Level updates applied per second by the book's writer.</param>
/// <param name="SnapshotNanoseconds">The cost of one <c>GetSnapshot(10)</c>.</param>
/// <param name="SnapshotBytes">Bytes allocated by one <c>GetSnapshot(10)</c>.</param>
/// <param name="BestBidNanoseconds">The cost of one <c>BestBid</c> read.</param>
/// <param name="QuietSmallNanoseconds">Per update, publishing after every one (a quiet stream), on a 50-level book.</param>
/// <param name="QuietLargeNanoseconds">The same on a 2,000-level book.</param>
internal sealed record QuickBookResult(double LevelUpdatesPerSecond, double SnapshotNanoseconds, double SnapshotBytes, double BestBidNanoseconds, double QuietSmallNanoseconds, double QuietLargeNanoseconds);
