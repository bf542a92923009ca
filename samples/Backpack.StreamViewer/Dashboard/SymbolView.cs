namespace Backpack.StreamViewer;

/// <summary>What the dashboard shows of one market.</summary>
/// <param name="Symbol">The market.</param>
/// <param name="Book">The top of its order book.</param>
/// <param name="Trades">The latest trades, newest first.</param>
/// <param name="TradeCount">How many trades were seen.</param>
/// <param name="Chart">The last trade price per chart column, oldest first; <see langword="null"/> where no trade had happened yet.</param>
/// <param name="ChartWindow">The time the chart spans.</param>
internal sealed record SymbolView(
    string Symbol,
    BookView Book,
    IReadOnlyList<TradeView> Trades,
    long TradeCount,
    IReadOnlyList<decimal?> Chart,
    TimeSpan ChartWindow);
