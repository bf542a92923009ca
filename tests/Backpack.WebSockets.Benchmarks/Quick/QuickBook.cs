namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// The order-book figure of the quick line (part 3). The order book and its benchmarks are built on another branch; once
/// they are merged, this measures level updates per second applying diffs to a 1,000-level book on one core. Until then
/// it has no figure and the quick line prints <c>book_updates_per_s=n/a</c>.
/// </summary>
internal static class QuickBook
{
    /// <summary>Level updates per second, or <see langword="null"/> while there is no order book to measure.</summary>
    /// <param name="smoke">A tiny run for CI: checks the code path, not the speed.</param>
    public static double? MeasureUpdatesPerSecond(bool smoke)
    {
        _ = smoke;
        return null;
    }
}
