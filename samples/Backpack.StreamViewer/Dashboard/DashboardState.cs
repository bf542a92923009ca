using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>One frame of the dashboard: everything <see cref="DashboardRenderer"/> draws, as plain immutable data.</summary>
/// <param name="Source">Where the data comes from, e.g. "simulated exchange" or "replay of session.jsonl".</param>
/// <param name="Symbols">Every market shown, in switching order.</param>
/// <param name="Selected">The market on screen.</param>
/// <param name="Status">The connection and delivery figures.</param>
/// <param name="Orders">The latest account order updates, newest first; <see langword="null"/> without credentials.</param>
/// <param name="OrderCount">How many order updates were seen.</param>
internal sealed record DashboardState(
    string Source,
    IReadOnlyList<string> Symbols,
    SymbolView Selected,
    StatusView Status,
    IReadOnlyList<OrderUpdate>? Orders = null,
    long OrderCount = 0);
