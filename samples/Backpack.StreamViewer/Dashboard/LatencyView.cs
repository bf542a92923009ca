namespace Backpack.StreamViewer;

/// <summary>The time from the exchange's event time to the frame that first showed the event, over the latest trades.</summary>
/// <param name="Last">The latest trade's.</param>
/// <param name="Median">The median of the window.</param>
/// <param name="Max">The largest of the window.</param>
internal sealed record LatencyView(TimeSpan Last, TimeSpan Median, TimeSpan Max);
