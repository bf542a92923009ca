namespace Backpack.StreamViewer;

/// <summary>The status panel's figures.</summary>
/// <param name="Connections">Each connection's row.</param>
/// <param name="MessagesPerSecond">Frames received per second, over the last second.</param>
/// <param name="MessagesTotal">Frames received since the start.</param>
/// <param name="ItemsDropped">Items dropped because a consumer fell behind, summed over the streams.</param>
/// <param name="Reconnects">Completed reconnects.</param>
/// <param name="Latency">Event time to screen; <see langword="null"/> until a trade was shown, or in a replay (recorded times are old).</param>
/// <param name="Message">The last notable event (a resync, a reconnect, an error).</param>
/// <param name="Recording">What is being recorded, if anything.</param>
internal sealed record StatusView(
    IReadOnlyList<ConnectionView> Connections,
    double MessagesPerSecond,
    long MessagesTotal,
    long ItemsDropped,
    long Reconnects,
    LatencyView? Latency,
    string? Message,
    string? Recording);
